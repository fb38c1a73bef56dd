package io.telemetry.host.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Target;
import io.telemetry.simulate.FleetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders targets (e.g. a simulated fleet's) as the HOCON {@code telemetry.targets} list. */
public final class FleetTargets {

  private FleetTargets() {}

  public static Config asConfig(List<Target> targets) {
    List<Map<String, Object>> entries = new ArrayList<>(targets.size());
    for (Target t : targets) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", t.id());
      entry.put("host", t.host());
      entry.put("port", t.port());
      entry.put("username", t.credentials().username());
      t.credentials().password().ifPresent(p -> entry.put("password", p));
      t.credentials().privateKey().ifPresent(k -> entry.put("private-key", k.toString()));
      List<Map<String, Object>> collectors = new ArrayList<>();
      for (CollectorSpec spec : t.collectors()) {
        Map<String, Object> block = new LinkedHashMap<>(spec.settings().root().unwrapped());
        block.put("type", spec.type());
        block.put("interval", spec.interval().toMillis() + "ms");
        collectors.add(block);
      }
      entry.put("collectors", collectors);
      entry.put("timeout", t.timeout().toMillis() + "ms");
      if (!t.labels().isEmpty()) {
        entry.put("labels", t.labels());
      }
      entries.add(entry);
    }
    return ConfigFactory.empty().withValue("telemetry.targets", ConfigValueFactory.fromIterable(entries));
  }

  /**
   * One target shaped as a fleet of {@code spec} will give it (credentials, collector, interval,
   * timeout) before the fleet runs: its port is a placeholder, picked when the fleet starts. The
   * commands check the node config they build with it before they start anything; every device
   * of a fleet has the same shape, so one stands for all.
   */
  public static Config planned(FleetSpec spec, Duration interval, Duration timeout) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", "sim-0001");
    entry.put("host", "127.0.0.1");
    entry.put("port", spec.basePort() == 0 ? PLACEHOLDER_PORT : spec.basePort());
    entry.put("username", spec.username());
    entry.put("password", spec.password());
    entry.put("collectors", List.of(Map.of("type", "junos-netconf", "interval", interval.toMillis() + "ms")));
    entry.put("timeout", timeout.toMillis() + "ms");
    return ConfigFactory.empty().withValue("telemetry.targets", ConfigValueFactory.fromIterable(List.of(entry)));
  }

  /** Stands for a port picked when the fleet starts. */
  static final int PLACEHOLDER_PORT = 830;

  /** HOCON text that {@code telemetry run --config} can include. */
  public static String asHocon(List<Target> targets) {
    return asConfig(targets).root().render(ConfigRenderOptions.concise().setFormatted(true).setJson(false));
  }
}
