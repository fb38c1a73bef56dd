package io.telemetry.inventory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.snmp.SnmpSettings;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.inventory.discover.Discovery;
import io.telemetry.inventory.discover.DiscoveryProbe;
import io.telemetry.inventory.discover.NetconfDiscoveryProbe;
import io.telemetry.inventory.discover.SnmpDiscoveryProbe;
import io.telemetry.inventory.select.Selector;
import io.telemetry.inventory.select.SelectorSyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Reads {@code telemetry.inventory.discovery} (see docs/inventory.md, "Discovery"):
 *
 * <pre>
 * discovery {
 *   interval = 30m, timeout = 30s, parallelism = 16
 *   probes = []                 # for resources without `discover` and no matching rule
 *   rules = [ { select = "role = \"core\"", probes = [ netconf ] } ]
 *   snmp { version = v2c, community = public }     # as an snmp collector block
 *   netconf { credentials = core, port = 830 }      # a set of telemetry.inventory.credentials
 * }
 * </pre>
 *
 * Discovery runs only when some probe can be chosen: {@code probes} or {@code rules} is not empty.
 * The {@code snmp} probe exists when the {@code snmp} block is set or {@code probes}/{@code rules}
 * name it; {@code netconf} only with {@code netconf.credentials}. A resource asking for a probe
 * that does not exist ({@code discover = snmp}) is a discovery failure naming the device.
 * Mistakes are refused naming the setting's path.
 */
public final class DiscoverySettings {

  private static final String PATH = "telemetry.inventory.discovery";

  private DiscoverySettings() {}

  /** Makes the NETCONF probe; {@link #check} passes a stand-in so that checking opens no SSH client. */
  private interface NetconfProbeMaker {
    DiscoveryProbe make(Credentials login, int port, Duration timeout);
  }

  /** @param telemetry the resolved {@code telemetry} block */
  public static Optional<Discovery> load(Config telemetry, SshConnector ssh, Executor blocking) {
    return load(telemetry, (login, port, timeout) -> new NetconfDiscoveryProbe(ssh, login, port, timeout), blocking);
  }

  /**
   * Validates the block as {@link #load} would (every setting, credential reference and probe
   * name), building nothing that talks to a device: what {@code telemetry config check} runs.
   *
   * @throws ConfigException naming the setting's path
   */
  public static void check(Config telemetry) {
    load(telemetry, (login, port, timeout) -> new DiscoveryProbe() {
      @Override
      public String name() {
        return NetconfDiscoveryProbe.NAME;
      }

      @Override
      public Map<String, String> probe(Resource resource) {
        throw new IllegalStateException("a configuration check never probes " + resource.id());
      }
    }, Runnable::run);
  }

  private static Optional<Discovery> load(Config telemetry, NetconfProbeMaker netconf, Executor blocking) {
    if (!telemetry.hasPath("inventory.discovery")) {
      return Optional.empty();
    }
    Config block = telemetry.getConfig("inventory.discovery");
    List<String> defaults = block.hasPath("probes") ? block.getStringList("probes") : List.of();
    List<Discovery.Rule> rules = new ArrayList<>();
    List<? extends Config> entries = block.hasPath("rules") ? block.getConfigList("rules") : List.of();
    for (int i = 0; i < entries.size(); i++) {
      rules.add(rule(entries.get(i), PATH + ".rules[" + i + "]"));
    }
    if (defaults.isEmpty() && rules.isEmpty()) {
      return Optional.empty();
    }
    Duration timeout = block.hasPath("timeout") ? block.getDuration("timeout") : Discovery.DEFAULT_TIMEOUT;
    List<DiscoveryProbe> probes = new ArrayList<>();
    Config snmp = block.hasPath("snmp") ? block.getConfig("snmp") : ConfigFactory.empty();
    // Only when configured or asked for: a NETCONF-only setup needs no community.
    boolean snmpNamed = defaults.contains(SnmpDiscoveryProbe.NAME)
        || rules.stream().anyMatch(rule -> rule.probes().contains(SnmpDiscoveryProbe.NAME));
    if (!snmp.isEmpty() || snmpNamed) {
      probes.add(new SnmpDiscoveryProbe(SnmpSettings.parse(snmp, PATH + ".snmp", "discovery"), timeout));
    }
    boolean netconfNamed = defaults.contains(NetconfDiscoveryProbe.NAME)
        || rules.stream().anyMatch(rule -> rule.probes().contains(NetconfDiscoveryProbe.NAME));
    if (netconfNamed && !block.hasPath("netconf.credentials")) {
      throw new ConfigException.BadValue(block.origin(), PATH + ".netconf.credentials",
          "probes or rules name netconf, but the probe has no credential set (netconf { credentials = ... })");
    }
    if (block.hasPath("netconf.credentials")) {
      String name = block.getString("netconf.credentials");
      Map<String, Credentials> sets = telemetry.hasPath("inventory.credentials")
          ? CredentialSets.load(telemetry.getConfig("inventory.credentials"), "telemetry.inventory.credentials", System::getenv)
          : Map.of();
      Credentials login = sets.get(name);
      if (login == null) {
        throw new ConfigException.BadValue(block.origin(), PATH + ".netconf.credentials", "no credential set \"" + name
            + "\" under telemetry.inventory.credentials");
      }
      int port = block.hasPath("netconf.port") ? block.getInt("netconf.port") : telemetry.getInt("defaults.port");
      probes.add(netconf.make(login, port, timeout));
    }
    try {
      return Optional.of(new Discovery(probes, rules, defaults,
          block.hasPath("interval") ? block.getDuration("interval") : Discovery.DEFAULT_INTERVAL, timeout,
          block.hasPath("parallelism") ? block.getInt("parallelism") : Discovery.DEFAULT_PARALLELISM, blocking,
          Clock.systemUTC()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(block.origin(), PATH, e.getMessage());
    }
  }

  private static Discovery.Rule rule(Config entry, String path) {
    Selector selector = Selector.all();
    if (entry.hasPath("select")) {
      try {
        selector = Selector.parse(entry.getString("select"));
      } catch (SelectorSyntaxException e) {
        throw new ConfigException.BadValue(entry.origin(), path + ".select", e.getMessage());
      }
    }
    if (!entry.hasPath("probes")) {
      throw new ConfigException.Missing(entry.origin(), path + ".probes");
    }
    return new Discovery.Rule(selector, entry.getStringList("probes"));
  }
}
