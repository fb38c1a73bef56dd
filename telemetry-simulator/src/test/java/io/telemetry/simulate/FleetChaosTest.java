package io.telemetry.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each kind of chaos incident changes the device state as promised and undoes it; a fixed seed
 * gives a fixed sequence. Fast settings (100 ms poll interval); state is awaited with deadlines.
 */
class FleetChaosTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(100);

  private static List<SimulatedDevice> devices(int count) {
    List<SimulatedDevice> list = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      list.add(new SimulatedDevice(String.format("sim-%04d", n), n, "127.0.0.1", 20000 + n, 6, n % 2 == 1));
    }
    return list;
  }

  /** One incident of {@code kind} right away, then none for an hour. */
  private static ChaosSettings once(ChaosKind kind) {
    return ChaosSettings.defaults(POLL).withKinds(Set.of(kind)).withFirstIncidentAfter(Duration.ZERO)
        .withPeriod(Duration.ofHours(1));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      Thread.sleep(2);
    }
  }

  private static ChaosIncident next(BlockingQueue<ChaosIncident> heard) throws InterruptedException {
    ChaosIncident incident = heard.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(incident, "no incident reported within " + DEADLINE);
    return incident;
  }

  private static Map<String, Integer> transitions(SimulatedDevice device) {
    return device.snapshot().interfaces().stream()
        .collect(Collectors.toMap(DeviceSnapshot.Interface::name, DeviceSnapshot.Interface::carrierTransitions));
  }

  private static Map<String, Integer> bgpFlaps(SimulatedDevice device) {
    Map<String, Integer> flaps = new HashMap<>();
    device.bgpPeers().forEach(p -> flaps.put(p.address(), device.bgpFlapCount(p.address())));
    return flaps;
  }

  private static List<String> peersOver(SimulatedDevice device, String interfaceName) {
    return device.bgpPeers().stream().filter(p -> p.localInterface().equals(interfaceName))
        .map(SimulatedDevice.BgpPeer::address).toList();
  }

  @Test
  void flapTakesALinkWithoutBgpDownAndUpTheConfiguredNumberOfTimes() throws Exception {
    SimulatedDevice device = devices(1).get(0);
    Map<String, Integer> before = transitions(device);
    Map<String, Integer> flapsBefore = bgpFlaps(device);
    BlockingQueue<ChaosIncident> heard = new LinkedBlockingQueue<>();
    long started = System.nanoTime();
    try (FleetChaos chaos = FleetChaos.start(List.of(device), once(ChaosKind.LINK_FLAP), heard::add)) {
      ChaosIncident flap = next(heard);
      assertEquals(ChaosKind.LINK_FLAP, flap.kind());
      assertEquals("sim-0001", flap.deviceId());
      String name = flap.interfaceName();
      assertEquals(List.of(), peersOver(device, name), "a flap picks a link without BGP sessions");
      assertEquals(List.of(), flap.peerAddresses());
      assertTrue(flap.description().contains("sim-0001") && flap.description().contains(name), flap.description());

      await("4 changes on " + name + ", ending up",
          () -> transitions(device).get(name) == before.get(name) + 4 && device.linkUp(name));
      long tookNanos = System.nanoTime() - started;
      // 1.5 poll intervals between changes, so a poller every 100 ms sees each state.
      assertTrue(tookNanos >= Duration.ofMillis(3 * 150).toNanos(), "4 changes took only " + tookNanos / 1_000_000 + " ms");
      Map<String, Integer> after = transitions(device);
      before.keySet().stream().filter(i -> !i.equals(name))
          .forEach(i -> assertEquals(before.get(i), after.get(i), "other interface " + i + " untouched"));
      assertEquals(flapsBefore, bgpFlaps(device), "no BGP session dropped");
    }
  }

  @Test
  void linkFailureTakesTheLinksBgpSessionsDownForAWhileThenBack() throws Exception {
    SimulatedDevice device = devices(1).get(0);
    Map<String, Integer> flapsBefore = bgpFlaps(device);
    Map<String, Integer> before = transitions(device);
    Duration downFor = Duration.ofMillis(400);
    BlockingQueue<ChaosIncident> heard = new LinkedBlockingQueue<>();
    long started = System.nanoTime();
    try (FleetChaos chaos = FleetChaos.start(List.of(device),
        once(ChaosKind.LINK_FAILURE).withLinkDownFor(downFor), heard::add)) {
      ChaosIncident failure = next(heard);
      String name = failure.interfaceName();
      List<String> peers = peersOver(device, name);
      assertFalse(peers.isEmpty(), "a link failure picks a link carrying BGP sessions");
      assertEquals(Set.copyOf(peers), Set.copyOf(failure.peerAddresses()));

      await(name + " and its sessions down",
          () -> !device.linkUp(name) && peers.stream().noneMatch(device::bgpPeerEstablished));
      await(name + " and its sessions back",
          () -> device.linkUp(name) && peers.stream().allMatch(device::bgpPeerEstablished));
      assertTrue(System.nanoTime() - started >= downFor.toNanos(), "down for at least " + downFor);
      assertEquals(before.get(name) + 2, transitions(device).get(name), "down once, up once");
      Map<String, Integer> flaps = bgpFlaps(device);
      flapsBefore.forEach((peer, count) ->
          assertEquals(peers.contains(peer) ? count + 1 : count, flaps.get(peer), "flaps of " + peer));
    }
  }

  @Test
  void bgpDropTakesOneSessionDownWhileItsLinkStaysUp() throws Exception {
    SimulatedDevice device = devices(1).get(0);
    Map<String, Integer> flapsBefore = bgpFlaps(device);
    Map<String, Integer> before = transitions(device);
    BlockingQueue<ChaosIncident> heard = new LinkedBlockingQueue<>();
    try (FleetChaos chaos = FleetChaos.start(List.of(device),
        once(ChaosKind.BGP_DROP).withBgpDownFor(Duration.ofMillis(400)), heard::add)) {
      ChaosIncident drop = next(heard);
      assertEquals(1, drop.peerAddresses().size());
      String peer = drop.peerAddresses().get(0);
      String name = drop.interfaceName();
      assertEquals(List.of(name), device.bgpPeers().stream().filter(p -> p.address().equals(peer))
          .map(SimulatedDevice.BgpPeer::localInterface).toList(), "the interface the session runs over");

      await(peer + " down", () -> !device.bgpPeerEstablished(peer));
      assertTrue(device.linkUp(name), "the link stays up");
      await(peer + " back", () -> device.bgpPeerEstablished(peer));
      assertEquals(before, transitions(device), "no interface changed");
      Map<String, Integer> flaps = bgpFlaps(device);
      flapsBefore.forEach((address, count) ->
          assertEquals(address.equals(peer) ? count + 1 : count, flaps.get(address), "flaps of " + address));
    }
  }

  @Test
  void spikeRunsOneInterfaceAtNinetyFivePercentThenBackToOrdinaryTraffic() throws Exception {
    SimulatedDevice device = devices(1).get(0);
    Map<String, Double> ordinaryIn = new HashMap<>();
    device.interfaceNames().forEach(i -> ordinaryIn.put(i, device.expectedRate(i, "in_octets")));
    double spikeOctets = 0.95 * 1_000_000_000L / 8;
    BlockingQueue<ChaosIncident> heard = new LinkedBlockingQueue<>();
    try (FleetChaos chaos = FleetChaos.start(List.of(device),
        once(ChaosKind.UTILIZATION_SPIKE).withSpike(0.95, Duration.ofMillis(400)), heard::add)) {
      ChaosIncident spike = next(heard);
      String name = spike.interfaceName();
      assertTrue(spike.description().contains("95%"), spike.description());

      await(name + " at 95% both ways", () -> device.expectedRate(name, "in_octets") == spikeOctets
          && device.expectedRate(name, "out_octets") == spikeOctets);
      device.interfaceNames().stream().filter(i -> !i.equals(name))
          .forEach(i -> assertEquals(ordinaryIn.get(i), device.expectedRate(i, "in_octets"), "other interface " + i));
      await(name + " back to its ordinary traffic",
          () -> device.expectedRate(name, "in_octets") == ordinaryIn.get(name));
    }
  }

  @Test
  void closeUndoesTheIncidentsUnderWay() throws Exception {
    SimulatedDevice device = devices(1).get(0);
    BlockingQueue<ChaosIncident> heard = new LinkedBlockingQueue<>();
    FleetChaos failure = FleetChaos.start(List.of(device),
        once(ChaosKind.LINK_FAILURE).withLinkDownFor(Duration.ofHours(1)), heard::add);
    String name = next(heard).interfaceName();
    List<String> peers = peersOver(device, name);
    await(name + " down", () -> !device.linkUp(name));
    failure.close();
    assertTrue(device.linkUp(name), "close brings the link back");
    assertTrue(peers.stream().allMatch(device::bgpPeerEstablished), "and its sessions");

    Map<String, Double> ordinary = new HashMap<>();
    device.interfaceNames().forEach(i -> ordinary.put(i, device.expectedRate(i, "in_octets")));
    FleetChaos spike = FleetChaos.start(List.of(device),
        once(ChaosKind.UTILIZATION_SPIKE).withSpike(0.95, Duration.ofHours(1)), heard::add);
    String loaded = next(heard).interfaceName();
    await(loaded + " loaded", () -> device.expectedRate(loaded, "in_octets") != ordinary.get(loaded));
    spike.close();
    device.interfaceNames().forEach(i ->
        assertEquals(ordinary.get(i), device.expectedRate(i, "in_octets"), "close ends the spike: " + i));
  }

  @Test
  void theSeedAloneDecidesTheSequenceOfIncidents() {
    ChaosSettings settings = ChaosSettings.defaults(POLL).withSeed(7);
    List<ChaosIncident> first = plan(new ChaosPlanner(devices(8), settings), 40);
    List<ChaosIncident> again = plan(new ChaosPlanner(devices(8), settings), 40);
    assertEquals(first, again);
    assertEquals(EnumSet.allOf(ChaosKind.class), first.stream().map(ChaosIncident::kind).collect(Collectors.toSet()),
        "every kind comes up");
    assertTrue(first.stream().map(ChaosIncident::deviceId).distinct().count() > 1, "more than one device");
    assertNotEquals(first, plan(new ChaosPlanner(devices(8), settings.withSeed(8)), 40), "another seed, another plan");

    List<ChaosIncident> onlyDrops = plan(new ChaosPlanner(devices(8),
        settings.withKinds(Set.of(ChaosKind.BGP_DROP, ChaosKind.LINK_FLAP))), 40);
    assertEquals(Set.of(ChaosKind.BGP_DROP, ChaosKind.LINK_FLAP),
        onlyDrops.stream().map(ChaosIncident::kind).collect(Collectors.toSet()), "only the enabled kinds");
  }

  @Test
  void aRunStagesThePlannedIncidentsNowAndThen() throws Exception {
    // Incidents last at most 45 ms and come every 150 ms: none overlaps, so the run follows the plan.
    ChaosSettings settings = ChaosSettings.defaults(Duration.ofMillis(10)).withSeed(11)
        .withFirstIncidentAfter(Duration.ZERO).withPeriod(Duration.ofMillis(150))
        .withLinkDownFor(Duration.ofMillis(40)).withBgpDownFor(Duration.ofMillis(30)).withSpike(0.95, Duration.ofMillis(40));
    List<SimulatedDevice> fleet = devices(8);
    BlockingQueue<ChaosIncident> heard = new LinkedBlockingQueue<>();
    List<ChaosIncident> staged = new ArrayList<>();
    try (FleetChaos chaos = FleetChaos.start(fleet, settings, heard::add)) {
      for (int i = 0; i < 6; i++) {
        staged.add(next(heard));
      }
    }
    assertEquals(plan(new ChaosPlanner(devices(8), settings), 6), staged);
    for (SimulatedDevice device : fleet) {
      device.interfaceNames().forEach(i -> assertTrue(device.linkUp(i), device.id() + " " + i + " up after close"));
      device.bgpPeers().forEach(p -> assertTrue(device.bgpPeerEstablished(p.address()),
          device.id() + " " + p.address() + " established after close"));
    }
  }

  @Test
  void settingsRejectNonsenseNamingTheSetting() {
    IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
        () -> ChaosSettings.defaults(POLL).withFlapChanges(3));
    assertTrue(odd.getMessage().contains("flapChanges"), odd.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ChaosSettings.defaults(POLL).withKinds(Set.of()));
    assertThrows(IllegalArgumentException.class, () -> ChaosSettings.defaults(POLL).withPeriod(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> ChaosSettings.defaults(POLL).withSpike(1.5, Duration.ofMinutes(1)));
    assertEquals(Duration.ofMillis(150), ChaosSettings.defaults(POLL).flapSpacing());
    assertEquals(ChaosKind.LINK_FAILURE, ChaosKind.parse("link-failure"));
    assertThrows(IllegalArgumentException.class, () -> ChaosKind.parse("meteor"));
  }

  private static List<ChaosIncident> plan(ChaosPlanner planner, int count) {
    List<ChaosIncident> incidents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      incidents.add(planner.next());
    }
    return incidents;
  }
}
