package io.telemetry.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The BGP sessions of one simulated device, in two routing instances: {@code master} (an IPv4
 * and an IPv6 transit session and an IPv4 peering) and the VRF {@code CUST-A} (a customer with
 * an IPv4 and a dual-stack session). Each session runs over one of the device's interfaces.
 *
 * <p>A session is established while it is enabled ({@link #setPeerUp}) and its interface's link
 * is up. Each time it leaves Established its flap count grows and its "Last Up/Dwn" time restarts;
 * while down it reports no tables and its message counters stand still. Guarded by the owning
 * device's lock.
 */
final class SimulatedBgp {

  static final String MASTER = "master";
  static final String VRF = "CUST-A";
  static final long LOCAL_AS = 65000;
  /** Keepalive interval: an established session sends and receives one message this often. */
  private static final double KEEPALIVE_SECONDS = 30;

  /** One session, its configuration and its state. */
  static final class Peer {
    final String instance;
    final String address;
    final long peerAs;
    final String localInterface;
    final List<Table> tables;
    boolean enabled = true;
    boolean linkUp = true;
    boolean established = true;
    int flaps;
    long lastChangeNanos;
    double inMessages;
    double outMessages;

    Peer(String instance, String address, long peerAs, String localInterface, List<Table> tables) {
      this.instance = instance;
      this.address = address;
      this.peerAs = peerAs;
      this.localInterface = localInterface;
      this.tables = List.copyOf(tables);
    }

    /** Brings the counters up to now and applies a state change, counting a flap when it went down. */
    void update(long nowNanos) {
      boolean up = enabled && linkUp;
      if (up == established) {
        return;
      }
      accumulate(nowNanos);
      established = up;
      lastChangeNanos = nowNanos;
      if (!up) {
        flaps++;
      }
    }

    private void accumulate(long nowNanos) {
      if (established) {
        double messages = (nowNanos - lastChangeNanos) / 1e9 / KEEPALIVE_SECONDS;
        inMessages += messages;
        outMessages += messages;
      }
    }

    View view(long nowNanos) {
      double extra = established ? (nowNanos - lastChangeNanos) / 1e9 / KEEPALIVE_SECONDS : 0;
      return new View(instance, address, peerAs, localInterface, established, flaps,
          (long) (inMessages + extra), (long) (outMessages + extra), Math.max(0, (nowNanos - lastChangeNanos) / 1_000_000_000L),
          established ? tables : List.of());
    }
  }

  /** A routing table a session feeds, with its prefix counts. */
  record Table(String name, int received, int accepted, int active) {}

  /** One session as a reply shows it. */
  record View(String instance, String address, long peerAs, String localInterface, boolean established, int flaps,
      long inMessages, long outMessages, long elapsedSeconds, List<Table> tables) {}

  private final Map<String, Peer> peers = new LinkedHashMap<>();

  SimulatedBgp(int deviceNumber, List<String> interfaces, long nowNanos, double uptimeSeconds) {
    SplittableRandom random = new SplittableRandom(deviceNumber * 31L + 7);
    int octet = deviceNumber % 250;
    String hex = Integer.toHexString(deviceNumber);
    add(new Peer(MASTER, "10.0." + octet + ".1", 65001, iface(interfaces, 0),
        List.of(table(random, "inet.0", 800))));
    add(new Peer(MASTER, "2001:db8:" + hex + "::1", 65001, iface(interfaces, 0),
        List.of(table(random, "inet6.0", 300))));
    add(new Peer(MASTER, "10.0." + octet + ".5", 65002, iface(interfaces, 1),
        List.of(table(random, "inet.0", 120))));
    add(new Peer(VRF, "172.16." + octet + ".2", 64512, iface(interfaces, 2),
        List.of(table(random, VRF + ".inet.0", 20))));
    add(new Peer(VRF, "172.16." + octet + ".6", 64513, iface(interfaces, 3),
        List.of(table(random, VRF + ".inet.0", 12), table(random, VRF + ".inet6.0", 6))));
    // Up since the device booted, with the keepalives of that uptime already exchanged.
    for (Peer peer : peers.values()) {
      peer.lastChangeNanos = nowNanos - (long) (uptimeSeconds * 1e9);
      peer.inMessages = 20 + random.nextInt(200);
      peer.outMessages = 20 + random.nextInt(200);
    }
  }

  private void add(Peer peer) {
    peers.put(peer.address, peer);
  }

  private static String iface(List<String> interfaces, int position) {
    return interfaces.get(position % interfaces.size());
  }

  private static Table table(SplittableRandom random, String name, int scale) {
    int received = scale + random.nextInt(scale);
    int accepted = received - random.nextInt(Math.max(1, received / 10));
    int active = accepted - random.nextInt(Math.max(1, accepted / 5));
    return new Table(name, received, accepted, active);
  }

  /** Enables or disables one session (as the remote side or an operator would). */
  void setPeerUp(String address, boolean up, long nowNanos) {
    Peer peer = peer(address);
    peer.enabled = up;
    peer.update(nowNanos);
  }

  /** A link changed: the sessions over it go down with it and come back with it. */
  void linkChanged(String interfaceName, boolean up, long nowNanos) {
    for (Peer peer : peers.values()) {
      if (peer.localInterface.equals(interfaceName)) {
        peer.linkUp = up;
        peer.update(nowNanos);
      }
    }
  }

  /** The routing daemon starts over: every session is established from now, counters from 0. */
  void reboot(long nowNanos) {
    for (Peer peer : peers.values()) {
      peer.established = peer.enabled && peer.linkUp;
      peer.flaps = 0;
      peer.inMessages = 0;
      peer.outMessages = 0;
      peer.lastChangeNanos = nowNanos;
    }
  }

  Peer peer(String address) {
    Peer peer = peers.get(address);
    if (peer == null) {
      throw new IllegalArgumentException("no BGP peer " + address + "; peers: " + peers.keySet());
    }
    return peer;
  }

  List<View> view(long nowNanos) {
    List<View> views = new ArrayList<>(peers.size());
    peers.values().forEach(p -> views.add(p.view(nowNanos)));
    return views;
  }

  /** The routing instances, default first. */
  List<String> instances() {
    return List.of(MASTER, VRF);
  }
}
