package io.telemetry.host.cluster;

import com.typesafe.config.Config;
import java.net.InetAddress;

/**
 * This node's id: {@code telemetry.node-id}, or the host name when it is blank. The node, its
 * records' {@code telemetry-node} header and the cluster directory all take it from here.
 */
public final class ConfiguredNodeId {

  private ConfiguredNodeId() {}

  /** @param config the node's whole config (with {@code telemetry.node-id}) */
  public static String of(Config config) {
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
