package io.telemetry.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.session.ServerSession;

/**
 * One simulated Junos device: its address, its modelled interfaces and route engine, and its
 * fault switches. Every method is thread-safe.
 *
 * <p>Interface counters grow at fixed, known per-second rates ({@link #expectedRate}) from values
 * that reflect the device's initial uptime; the clock is {@link System#nanoTime()}.
 */
public final class SimulatedDevice {

  private final String id;
  private final int number;
  private final String host;
  private final int port;
  private final boolean chunkedFraming;
  private final DeviceFaults faults = new DeviceFaults();
  private final Map<String, InterfaceState> interfaces = new LinkedHashMap<>();
  private final Set<ServerSession> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong cliCommands = new AtomicLong();
  private final AtomicLong connectionsAccepted = new AtomicLong();
  private final Set<Session> connections = ConcurrentHashMap.newKeySet();
  private final long seed;
  private final SimulatedBgp bgp;
  private final ChassisState chassis = new ChassisState();
  private volatile DeviceSoftware software = DeviceSoftware.DEFAULT;

  // Guarded by this.
  private long bootNanos;
  private double uptimeAtBootSeconds;
  private long bootEpochMillis;
  private int nextIndex;
  private int reboots;

  SimulatedDevice(String id, int number, String host, int port, int interfaceCount, boolean chunkedFraming) {
    this.id = id;
    this.number = number;
    this.host = host;
    this.port = port;
    this.chunkedFraming = chunkedFraming;
    this.seed = number;
    long now = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    // Up for 3 to 400 days when the simulator starts.
    this.uptimeAtBootSeconds = 3 * 86400 + random.nextDouble() * 397 * 86400;
    this.bootNanos = now;
    this.bootEpochMillis = System.currentTimeMillis() - (long) (uptimeAtBootSeconds * 1000);
    for (int i = 0; i < interfaceCount; i++) {
      String name = "ge-0/0/" + i;
      interfaces.put(name, new InterfaceState(name, i, seed, uptimeAtBootSeconds, now));
    }
    this.nextIndex = 500 + interfaceCount;
    this.bgp = new SimulatedBgp(number, List.copyOf(interfaces.keySet()), now, uptimeAtBootSeconds);
  }

  /** Target id, e.g. {@code sim-0001}. */
  public String id() {
    return id;
  }

  /** 1-based position in the fleet. */
  public int number() {
    return number;
  }

  /** Address a client connects to. */
  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** Whether this device advertises base:1.1 (chunked framing). */
  public boolean supportsChunkedFraming() {
    return chunkedFraming;
  }

  public DeviceFaults faults() {
    return faults;
  }

  /** Interface names in order: ge-0/0/0, ge-0/0/1, ... */
  public synchronized List<String> interfaceNames() {
    return new ArrayList<>(interfaces.keySet());
  }

  /**
   * The per-second rate a counter grows at now: octets/s for {@code in_octets}/{@code out_octets},
   * packets/s or events/s for the others. Counter names are the vendor-neutral ones (in_octets,
   * out_octets, in_packets, out_packets, in_errors, out_errors, in_discards = input-discards,
   * out_discards = output-drops) or Junos element names (input-drops, framing-errors). 0 while the
   * link is down.
   */
  public synchronized double expectedRate(String interfaceName, String counter) {
    return iface(interfaceName).currentRate(JunosCounter.named(counter));
  }

  /** The counter's value right now, as the next reply would report it. */
  public synchronized long counterValue(String interfaceName, String counter) {
    return iface(interfaceName).value(JunosCounter.named(counter), System.nanoTime());
  }

  public synchronized int snmpIndex(String interfaceName) {
    return iface(interfaceName).snmpIndex;
  }

  public synchronized boolean linkUp(String interfaceName) {
    return iface(interfaceName).operUp;
  }

  /** Seconds since the (simulated) boot. */
  public synchronized long uptimeSeconds() {
    return (long) (uptimeAtBootSeconds + (System.nanoTime() - bootNanos) / 1e9);
  }

  public synchronized int reboots() {
    return reboots;
  }

  /** RPCs received so far (hellos excluded). */
  public long requestCount() {
    return requests.get();
  }

  /** NETCONF sessions open right now. */
  public int openSessions() {
    return sessions.size();
  }

  /** CLI commands received on SSH exec channels so far. */
  public long cliCommandCount() {
    return cliCommands.get();
  }

  /** SSH connections accepted so far (each is one login, whatever channels it then carries). */
  public long sshConnectionsAccepted() {
    return connectionsAccepted.get();
  }

  /** SSH connections open right now, whatever channels (NETCONF, exec) they carry. */
  public int openSshConnections() {
    return connections.size();
  }

  /** Drops every SSH session of this device now, as a device that vanished from the network. */
  public void disconnectNow() {
    for (ServerSession session : List.copyOf(sessions)) {
      session.close(true);
    }
    for (Session connection : List.copyOf(connections)) {
      connection.close(true);
    }
  }

  /**
   * Reboots: sessions drop, up-time restarts from 0 and every counter restarts from 0. Clients
   * may reconnect at once.
   */
  public void reboot() {
    synchronized (this) {
      long now = System.nanoTime();
      bootNanos = now;
      uptimeAtBootSeconds = 0;
      bootEpochMillis = System.currentTimeMillis();
      reboots++;
      for (InterfaceState state : interfaces.values()) {
        state.restartCounters(now);
        state.flappedNanos = now;
      }
      bgp.reboot(now);
    }
    disconnectNow();
  }

  /** The interface is deleted and created again: new snmp-index and local-index, counters from 0. */
  public synchronized void recreateInterface(String interfaceName) {
    InterfaceState state = iface(interfaceName);
    long now = System.nanoTime();
    state.snmpIndex = nextIndex++;
    state.localIndex = state.snmpIndex - 360;
    state.generation += 1000;
    state.restartCounters(now);
    state.flappedNanos = now;
  }

  /** Link up or down (oper-status); counters stand still and its BGP sessions are down while it is down. */
  public synchronized void setLinkUp(String interfaceName, boolean up) {
    long now = System.nanoTime();
    iface(interfaceName).setOperUp(up, now);
    bgp.linkChanged(interfaceName, up, now);
  }

  /** The interface's speed in bit/s, as replies report it ({@code <speed>}, {@code speed-bps}). */
  public synchronized long speedBps(String interfaceName) {
    iface(interfaceName);
    return InterfaceState.SPEED_BPS;
  }

  /**
   * Traffic at {@code fractionOfSpeed} of the link speed in both directions from now on: the
   * in/out octet rates become fraction * {@link #speedBps} / 8 (while the link is up). Counters
   * continue from their current values; {@link #resetTrafficLoad} returns to ordinary traffic.
   */
  public void setTrafficLoad(String interfaceName, double fractionOfSpeed) {
    setTrafficLoad(interfaceName, fractionOfSpeed, fractionOfSpeed);
  }

  /** As {@link #setTrafficLoad(String, double)}, with its own fraction (0..1) per direction. */
  public synchronized void setTrafficLoad(String interfaceName, double inFraction, double outFraction) {
    checkFraction(interfaceName, "inbound", inFraction);
    checkFraction(interfaceName, "outbound", outFraction);
    iface(interfaceName).setTrafficLoad(inFraction, outFraction, System.nanoTime());
  }

  /** The interface's ordinary traffic rates again from now on (counters stay monotonic). */
  public synchronized void resetTrafficLoad(String interfaceName) {
    iface(interfaceName).resetTrafficLoad(System.nanoTime());
  }

  private void checkFraction(String interfaceName, String direction, double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("device " + id + " interface " + interfaceName + ": " + direction
          + " traffic load must be a fraction of the link speed in 0..1, was " + fraction);
    }
  }

  /**
   * Enables or disables a BGP session (by peer address, see {@link #bgpPeers()}). Going down
   * counts a flap; the session is established again only while its interface's link is up too.
   */
  public synchronized void setBgpPeerUp(String peerAddress, boolean up) {
    bgp.setPeerUp(peerAddress, up, System.nanoTime());
  }

  /** The device's BGP sessions: instance, peer address, peer AS and the interface they run over. */
  public synchronized List<BgpPeer> bgpPeers() {
    return bgp.view(System.nanoTime()).stream()
        .map(v -> new BgpPeer(v.instance(), v.address(), v.peerAs(), v.localInterface())).toList();
  }

  public synchronized boolean bgpPeerEstablished(String peerAddress) {
    return bgp.peer(peerAddress).established;
  }

  public synchronized int bgpFlapCount(String peerAddress) {
    return bgp.peer(peerAddress).flaps;
  }

  /** Raises a chassis alarm ({@code Major} or {@code Minor}) until {@link #clearAlarms()}. */
  public synchronized void raiseAlarm(String alarmClass, String description) {
    chassis.raise(new ChassisState.Alarm(java.time.Instant.now(), alarmClass, description));
  }

  public synchronized void clearAlarms() {
    chassis.clearAlarms();
  }

  /** Sets an environment item's status ({@code OK}, {@code Failed}, {@code Absent}, {@code Check}). */
  public synchronized void setEnvironmentStatus(String component, String status) {
    chassis.setStatus(component, status);
  }

  /** What {@code get-software-information} reports: model and Junos release. */
  public DeviceSoftware software() {
    return software;
  }

  /** Makes the device report another model and Junos release from the next request on. */
  public void software(DeviceSoftware reported) {
    software = java.util.Objects.requireNonNull(reported, "software");
  }

  /** An interface's description, as {@code get-interface-information descriptions} reports it. */
  public synchronized String interfaceDescription(String interfaceName) {
    return iface(interfaceName).description;
  }

  /** One BGP session of a simulated device. */
  public record BgpPeer(String instance, String address, long peerAs, String localInterface) {}

  /** The BGP sessions as the next reply shows them. */
  synchronized List<SimulatedBgp.View> bgpView() {
    return bgp.view(System.nanoTime());
  }

  synchronized List<String> bgpInstances() {
    return bgp.instances();
  }

  synchronized List<ChassisState.Alarm> alarms() {
    return chassis.alarms();
  }

  synchronized Map<String, String> environmentStatuses() {
    return chassis.statuses();
  }

  /** A consistent picture of the device for one reply. */
  synchronized DeviceSnapshot snapshot() {
    long now = System.nanoTime();
    List<DeviceSnapshot.Interface> list = new ArrayList<>(interfaces.size());
    for (InterfaceState s : interfaces.values()) {
      JunosCounter[] all = JunosCounter.values();
      long[] values = new long[all.length];
      double[] rates = new double[all.length];
      for (JunosCounter c : all) {
        values[c.ordinal()] = s.value(c, now);
        rates[c.ordinal()] = s.currentRate(c);
      }
      list.add(new DeviceSnapshot.Interface(s.name, s.description, s.mac, s.snmpIndex, s.localIndex,
          s.generation, s.operUp, s.carrierTransitions, (now - s.flappedNanos) / 1_000_000_000L, values, rates));
    }
    long uptime = (long) (uptimeAtBootSeconds + (now - bootNanos) / 1e9);
    return new DeviceSnapshot(id, seed, list, uptime, bootEpochMillis / 1000, System.currentTimeMillis());
  }

  void countRequest() {
    requests.incrementAndGet();
  }

  void countCliCommand() {
    cliCommands.incrementAndGet();
  }

  void connectionOpened(Session connection) {
    connectionsAccepted.incrementAndGet();
    connections.add(connection);
  }

  void connectionClosed(Session connection) {
    connections.remove(connection);
  }

  void register(ServerSession session) {
    sessions.add(session);
  }

  void unregister(ServerSession session) {
    sessions.remove(session);
  }

  private InterfaceState iface(String name) {
    InterfaceState state = interfaces.get(name);
    if (state == null) {
      throw new IllegalArgumentException("device " + id + " has no interface " + name);
    }
    return state;
  }

  @Override
  public String toString() {
    return id + "@" + host + ":" + port + (chunkedFraming ? " base:1.1" : " base:1.0");
  }
}
