package io.telemetry.host.cluster;

import com.typesafe.config.Config;
import java.net.InetAddress;

/**
 * This node's id: {@code telemetry.node-id}, or the host name when it is blank. The same rule as
 * TelemetryNode's (which keeps its own copy private), so the directory shows what records carry.
 */
final class ConfiguredNodeId {

  private ConfiguredNodeId() {}

  static String of(Config config) {
    String configured = config.hasPath("telemetry.node-id") ? config.getString("telemetry.node-id") : "";
    if (!configured.isBlank()) {
      return configured;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "node";
    }
  }
}
