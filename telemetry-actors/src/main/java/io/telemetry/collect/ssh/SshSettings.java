package io.telemetry.collect.ssh;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code telemetry.ssh} block of the configuration.
 *
 * @param knownHosts            OpenSSH known_hosts file device host keys are checked against
 * @param acceptUnknownHostKeys labs only: accept host keys that are not in {@code knownHosts}
 * @param connectTimeout        TCP connect
 * @param authTimeout           key exchange plus authentication
 * @param heartbeatInterval     SSH keepalive interval; {@link Duration#ZERO} disables it
 */
public record SshSettings(
    Path knownHosts,
    boolean acceptUnknownHostKeys,
    Duration connectTimeout,
    Duration authTimeout,
    Duration heartbeatInterval) {

  public SshSettings {
    Objects.requireNonNull(knownHosts, "knownHosts");
    requirePositive(connectTimeout, "connect-timeout");
    requirePositive(authTimeout, "auth-timeout");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (heartbeatInterval.isNegative()) {
      throw new IllegalArgumentException("telemetry.ssh.heartbeat-interval must not be negative, was " + heartbeatInterval);
    }
  }

  /** Reads {@code telemetry.ssh} from a resolved root configuration. */
  public static SshSettings fromConfig(Config root) {
    Config ssh = root.getConfig("telemetry.ssh");
    return new SshSettings(
        Path.of(ssh.getString("known-hosts")),
        ssh.getBoolean("accept-unknown-host-keys"),
        ssh.getDuration("connect-timeout"),
        ssh.getDuration("auth-timeout"),
        ssh.getDuration("heartbeat-interval"));
  }

  private static void requirePositive(Duration d, String setting) {
    Objects.requireNonNull(d, setting);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("telemetry.ssh." + setting + " must be positive, was " + d);
    }
  }
}
