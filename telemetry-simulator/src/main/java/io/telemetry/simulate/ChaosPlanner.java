package io.telemetry.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Picks {@link FleetChaos}'s next incident: a kind, a device and an interface or BGP session, from
 * a seeded {@link Random}. It only looks at the fleet's shape (interfaces, which ones carry BGP
 * sessions), never at its current state, and draws the same number of values per incident, so
 * one seed and one fleet shape always give the same sequence. Not thread-safe: one thread asks.
 */
final class ChaosPlanner {

  /** What the planner needs to know of one device; fixed for the device's life. */
  private record Shape(String deviceId, List<String> interfaces, List<String> quietInterfaces,
      List<String> bgpInterfaces, List<SimulatedDevice.BgpPeer> peers, long speedBps) {

    List<String> peersOver(String interfaceName) {
      return peers.stream().filter(p -> p.localInterface().equals(interfaceName))
          .map(SimulatedDevice.BgpPeer::address).toList();
    }
  }

  private final List<Shape> devices = new ArrayList<>();
  private final List<ChaosKind> kinds;
  private final ChaosSettings settings;
  private final Random random;

  ChaosPlanner(List<SimulatedDevice> fleet, ChaosSettings settings) {
    if (fleet.isEmpty()) {
      throw new IllegalArgumentException("chaos needs at least one simulated device");
    }
    for (SimulatedDevice device : fleet) {
      List<String> interfaces = device.interfaceNames();
      List<SimulatedDevice.BgpPeer> peers = device.bgpPeers();
      Set<String> bgpInterfaces = new LinkedHashSet<>();
      peers.forEach(p -> bgpInterfaces.add(p.localInterface()));
      List<String> quiet = interfaces.stream().filter(i -> !bgpInterfaces.contains(i)).toList();
      devices.add(new Shape(device.id(), interfaces, quiet, List.copyOf(bgpInterfaces), peers,
          device.speedBps(interfaces.get(0))));
    }
    // Enum order, not the set's iteration order, so the seed alone decides.
    this.kinds = settings.kinds().stream().sorted().toList();
    this.settings = settings;
    this.random = new Random(settings.seed());
  }

  ChaosIncident next() {
    ChaosKind kind = kinds.get(random.nextInt(kinds.size()));
    Shape device = devices.get(random.nextInt(devices.size()));
    String id = device.deviceId();
    return switch (kind) {
      case LINK_FLAP -> {
        // A flap on a BGP-carrying link would also look like a link failure; avoid that when possible.
        List<String> candidates = device.quietInterfaces().isEmpty() ? device.interfaces() : device.quietInterfaces();
        String name = candidates.get(random.nextInt(candidates.size()));
        Duration spacing = settings.flapSpacing();
        yield new ChaosIncident(kind, id, name, device.peersOver(name),
            spacing.multipliedBy(settings.flapChanges() - 1),
            "flapping " + id + " " + name + ": " + settings.flapChanges() + " changes " + human(spacing) + " apart");
      }
      case LINK_FAILURE -> {
        String name = device.bgpInterfaces().get(random.nextInt(device.bgpInterfaces().size()));
        List<String> peers = device.peersOver(name);
        yield new ChaosIncident(kind, id, name, peers, settings.linkDownFor(),
            "link failure " + id + " " + name + " for " + human(settings.linkDownFor()) + ", BGP "
                + String.join(", ", peers) + " down with it");
      }
      case BGP_DROP -> {
        SimulatedDevice.BgpPeer peer = device.peers().get(random.nextInt(device.peers().size()));
        yield new ChaosIncident(kind, id, peer.localInterface(), List.of(peer.address()), settings.bgpDownFor(),
            "BGP drop " + id + " peer " + peer.address() + " (over " + peer.localInterface() + ", link stays up) for "
                + human(settings.bgpDownFor()));
      }
      case UTILIZATION_SPIKE -> {
        String name = device.interfaces().get(random.nextInt(device.interfaces().size()));
        yield new ChaosIncident(kind, id, name, List.of(), settings.spikeFor(),
            "utilization spike " + id + " " + name + " at " + Math.round(settings.spikeLoad() * 100) + "% of "
                + device.speedBps() / 1_000_000 + " Mbit/s for " + human(settings.spikeFor()));
      }
    };
  }

  /** 45s, 1m30s, 6m, 250ms. */
  static String human(Duration d) {
    if (d.toMillis() < 1000 || d.toMillisPart() != 0) {
      return d.toMillis() < 1000 ? d.toMillis() + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    long minutes = d.toMinutes();
    int seconds = d.toSecondsPart();
    return minutes == 0 ? seconds + "s" : seconds == 0 ? minutes + "m" : minutes + "m" + seconds + "s";
  }
}
