package io.telemetry.simulate;

import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntConsumer;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.auth.pubkey.RejectAllPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated Junos devices serving NETCONF over SSH on loopback ports: one MINA SSH
 * server listening on one port per device, a shared host key, two shared worker threads.
 *
 * <pre>{@code
 * try (SimulatedFleet fleet = SimulatedFleet.start(FleetSpec.of(100))) {
 *   fleet.writeKnownHosts(Path.of("known_hosts"));
 *   SimulatedDevice d = fleet.device("sim-0001");   // d.host(), d.port(), d.faults() ...
 * }
 * }</pre>
 */
public final class SimulatedFleet implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SimulatedFleet.class);
  /** Reply rendering and fault delays: cheap work, shared by every device. */
  private static final int WORKER_THREADS = 2;

  private final FleetSpec spec;
  private final MultiPortSshServer server;
  private final ScheduledExecutorService workers;
  private final Map<String, SimulatedDevice> devices;
  private final PublicKey hostKey;

  private SimulatedFleet(FleetSpec spec, MultiPortSshServer server, ScheduledExecutorService workers,
      Map<String, SimulatedDevice> devices, PublicKey hostKey) {
    this.spec = spec;
    this.server = server;
    this.workers = workers;
    this.devices = devices;
    this.hostKey = hostKey;
  }

  /** Starts every device of {@code spec}; returns once all ports accept connections. */
  public static SimulatedFleet start(FleetSpec spec) throws IOException {
    return start(spec, listening -> { });
  }

  /**
   * Like {@link #start(FleetSpec)}; {@code listening} is told how many devices listen so far after
   * each one starts (on the starting thread), for progress output.
   */
  public static SimulatedFleet start(FleetSpec spec, IntConsumer listening) throws IOException {
    ScheduledExecutorService workers = Executors.newScheduledThreadPool(WORKER_THREADS, daemonThreads("sim-netconf-worker"));
    Map<Integer, SimulatedDevice> byPort = new ConcurrentHashMap<>();
    FleetRuntime runtime = new FleetRuntime(byPort, workers, spec.username());
    MultiPortSshServer server = (MultiPortSshServer) ServerBuilder.builder()
        .factory(MultiPortSshServer::new)
        .publickeyAuthenticator(RejectAllPublickeyAuthenticator.INSTANCE)
        .build();
    try {
      KeyPair hostKeys = hostKeys(server, spec.hostKeyFile());
      server.setHost(spec.bindAddress());
      server.setPort(spec.basePort());
      server.setPasswordAuthenticator((user, password, session) -> {
        SimulatedDevice device = runtime.deviceFor(session);
        return device != null && !device.faults().rejectPassword()
            && spec.username().equals(user) && spec.password().equals(password);
      });
      server.setSubsystemFactories(List.of(new NetconfSubsystemFactory(runtime)));
      server.setCommandFactory(new CliCommandFactory(runtime));
      server.addSessionListener(new ConnectionCounter(runtime));
      // Devices keep idle NETCONF sessions open; the collector's keepalives detect dead ones.
      CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO);
      server.start();

      String clientHost = clientHost(spec.bindAddress());
      Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
      int width = Math.max(4, Integer.toString(spec.devices()).length());
      for (int number = 1; number <= spec.devices(); number++) {
        int port;
        if (number == 1) {
          port = ((InetSocketAddress) server.listening().iterator().next()).getPort();
        } else {
          int wanted = spec.basePort() == 0 ? 0 : spec.basePort() + number - 1;
          port = server.listen(new InetSocketAddress(spec.bindAddress(), wanted)).getPort();
        }
        String id = String.format("sim-%0" + width + "d", number);
        SimulatedDevice device = new SimulatedDevice(id, number, clientHost, port, spec.interfacesPerDevice(),
            spec.chunked(number));
        byPort.put(port, device);
        devices.put(id, device);
        listening.accept(number);
      }
      log.info("simulated fleet up: {} on ports {}..{}", spec, devices.values().iterator().next().port(),
          devices.values().stream().mapToInt(SimulatedDevice::port).max().orElse(0));
      return new SimulatedFleet(spec, server, workers, Collections.unmodifiableMap(devices), hostKeys.getPublic());
    } catch (IOException | RuntimeException e) {
      server.stop(true);
      workers.shutdownNow();
      throw e;
    }
  }

  private static KeyPair hostKeys(MultiPortSshServer server, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(absolute);
    provider.setAlgorithm(KeyUtils.EC_ALGORITHM);
    provider.setKeySize(256);
    server.setKeyPairProvider(provider);
    try {
      return provider.loadKeys(null).iterator().next();
    } catch (RuntimeException e) {
      throw new IOException("cannot load or create the simulator host key " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static String clientHost(String bindAddress) throws IOException {
    InetAddress address = InetAddress.getByName(bindAddress);
    return address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
  }

  public FleetSpec spec() {
    return spec;
  }

  /** Every device, in order sim-0001, sim-0002, ... */
  public List<SimulatedDevice> devices() {
    return List.copyOf(devices.values());
  }

  /** The device with this id. */
  public SimulatedDevice device(String id) {
    SimulatedDevice device = devices.get(id);
    if (device == null) {
      throw new IllegalArgumentException("no simulated device " + id + " (fleet has sim-0001.." + devices.size() + ")");
    }
    return device;
  }

  /** The host key every device presents. */
  public PublicKey hostKey() {
    return hostKey;
  }

  /** OpenSSH known_hosts lines, {@code [127.0.0.1]:port <type> <key>}, one per device. */
  public List<String> knownHostsLines() {
    String key = PublicKeyEntry.toString(hostKey);
    List<String> lines = new ArrayList<>(devices.size());
    for (SimulatedDevice device : devices.values()) {
      lines.add("[" + device.host() + "]:" + device.port() + " " + key);
    }
    return lines;
  }

  /** Writes (replaces) an OpenSSH known_hosts file that trusts every device of the fleet. */
  public void writeKnownHosts(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    Files.write(absolute, knownHostsLines());
  }

  /** Targets for every device, with the fleet's credentials and the {@code junos-netconf} collector. */
  public List<Target> targets(Duration interval, Duration timeout) {
    List<Target> targets = new ArrayList<>(devices.size());
    for (SimulatedDevice d : devices.values()) {
      targets.add(new Target(d.id(), d.host(), d.port(), Credentials.password(spec.username(), spec.password()),
          "junos-netconf", interval, timeout, Map.of()));
    }
    return targets;
  }

  /** Stops listening and drops every session. */
  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      log.debug("stopping the simulator's SSH server failed", e);
    }
    workers.shutdownNow();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
