package io.telemetry.inventory.discover;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.collect.junos.JunosParseException;
import io.telemetry.collect.junos.SoftwareInformation;
import io.telemetry.collect.netconf.NetconfClient;
import io.telemetry.collect.netconf.SshNetconfClient;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Resource;
import io.telemetry.inventory.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.sshd.client.session.ClientSession;

/**
 * Classifies a Junos device over NETCONF: logs in over SSH (its own short session, closed after),
 * sends {@code <get-software-information/>} and reports {@code vendor = juniper}, {@code os = junos},
 * {@code os_version}, {@code model} ({@code product-model}, as Junos writes it: {@code mx480}) and
 * {@code hostname}.
 */
public final class NetconfDiscoveryProbe implements DiscoveryProbe {

  public static final String NAME = "netconf";

  private final SshConnector ssh;
  private final Credentials credentials;
  private final int defaultPort;
  private final Duration timeout;

  /**
   * @param ssh         the node's SSH client (host keys, timeouts)
   * @param credentials the login used for discovery
   * @param defaultPort the NETCONF port for resources that name none
   * @param timeout     bounds the hello and the request each
   */
  public NetconfDiscoveryProbe(SshConnector ssh, Credentials credentials, int defaultPort, Duration timeout) {
    this.ssh = Objects.requireNonNull(ssh, "ssh");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.defaultPort = defaultPort;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> probe(Resource resource) throws DiscoveryException {
    Target target = new Target(resource.id(), resource.host(), resource.port().orElse(defaultPort), credentials,
        List.of(CollectorSpec.of(JunosNetconfCollectorFactory.TYPE, Duration.ofMinutes(30))), timeout, Map.of());
    String reply;
    try {
      ClientSession session = ssh.connect(target);
      try (NetconfClient client = SshNetconfClient.open(session, target.id(), timeout)) {
        reply = client.rpc(SoftwareInformation.REQUEST, timeout);
      } finally {
        // Gracefully (SSH close messages, without waiting): closing immediately resets the TCP
        // connection, which the device logs as an error at every probe.
        session.close(false);
      }
    } catch (CollectException e) {
      throw DiscoveryException.of(NAME, e);
    }
    try {
      return attributes(SoftwareInformation.parse(reply));
    } catch (JunosParseException e) {
      throw new DiscoveryException(resource.id(), NAME, "malformed reply to " + SoftwareInformation.RPC + ": "
          + e.getMessage(), e);
    }
  }

  static Map<String, String> attributes(SoftwareInformation info) {
    Map<String, String> found = new LinkedHashMap<>();
    found.put("vendor", "juniper");
    found.put("os", "junos");
    info.version().ifPresent(v -> found.put("os_version", v));
    info.model().ifPresent(m -> found.put("model", m));
    info.hostName().ifPresent(h -> found.put("hostname", h));
    return found;
  }
}
