package io.telemetry.collect.junos;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The requests a target can choose with the collector setting {@code rpcs}. Inventory groups run
 * at the slower {@code inventory-interval} and feed tags, the others run on every poll.
 */
enum JunosRpcGroup {
  /** {@code get-interface-information extensive}: the {@code interface} family. */
  INTERFACES("interfaces", false),
  /** {@code get-route-engine-information}: {@code route_engine}, and the device uptime. */
  ROUTE_ENGINE("route-engine", false),
  /** {@code get-environment-information}: {@code environment} (temperatures, fans, power supplies). */
  ENVIRONMENT("environment", false),
  /** {@code get-power-usage-information-detail}: power output and capacity of each supply ({@code environment}). */
  POWER("power", false),
  /** {@code get-bgp-summary-information}, per routing instance: {@code bgp_peer}, {@code bgp_peer_rib}. */
  BGP("bgp", false),
  /** {@code get-system-storage}: {@code storage}. */
  STORAGE("storage", false),
  /** {@code get-alarm-information}: {@code alarm}. */
  ALARMS("alarms", false),
  /** {@code get-interface-information descriptions}: the {@code description} tag of {@code interface}. */
  DESCRIPTIONS("descriptions", true),
  /** {@code get-lldp-neighbors-information}: the {@code lldp_neighbor*} tags of {@code interface}. */
  LLDP("lldp", true);

  private final String setting;
  private final boolean inventory;

  JunosRpcGroup(String setting, boolean inventory) {
    this.setting = setting;
    this.inventory = inventory;
  }

  /** The name in the {@code rpcs} setting. */
  String setting() {
    return setting;
  }

  boolean inventory() {
    return inventory;
  }

  static Optional<JunosRpcGroup> bySetting(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(g -> g.setting.equals(wanted)).findFirst();
  }
}
