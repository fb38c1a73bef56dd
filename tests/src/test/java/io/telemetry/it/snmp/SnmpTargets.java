package io.telemetry.it.snmp;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.snmp.SnmpCollectorFactory;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Targets with one snmp collector pointing at an agent on loopback, and their collectors. */
public final class SnmpTargets {

  private SnmpTargets() {}

  /** @param settings the collector block's own settings in HOCON (community, version, ...) */
  public static Target target(String id, int port, String settings, Duration interval) {
    CollectorSpec spec = new CollectorSpec("snmp", interval,
        ConfigFactory.parseString("port = " + port + "\n" + settings), "telemetry.targets[0].collectors[0]");
    return new Target(id, "127.0.0.1", 830, new Credentials("", Optional.empty(), Optional.empty()), List.of(spec),
        Duration.ofSeconds(6), Map.of());
  }

  public static String v2c(String community) {
    return "version = v2c\ncommunity = \"" + community + "\"";
  }

  public static String v3(String user, String authPassphrase, String privPassphrase) {
    return "version = v3\nuser = \"" + user + "\"\nauth-protocol = SHA\nauth-passphrase = \"" + authPassphrase
        + "\"\npriv-protocol = AES\npriv-passphrase = \"" + privPassphrase + "\"";
  }

  /** An opened collector for the target (the snmp collector does not use the device's SSH session). */
  public static Collector open(Target target) throws io.telemetry.collect.CollectException {
    SnmpCollectorFactory factory = new SnmpCollectorFactory();
    factory.validate(target, target.collectors().get(0));
    Collector collector = factory.create(target, target.collectors().get(0));
    collector.open(null);
    return collector;
  }
}
