package io.telemetry.simulate;

import static io.telemetry.simulate.ReplyReader.child;
import static io.telemetry.simulate.ReplyReader.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The per-interface traffic load, read the way a collector reads it: from get-interface-information
 * replies (parsed with the JDK's DOM parser), rates measured as counter deltas over measured time.
 */
class TrafficLoadTest {

  private static final String NAME = "ge-0/0/2";
  private static final long MEASURE_MILLIS = 300;

  /** One reply, and the clock just before and just after the device took its snapshot. */
  private record Reading(long beforeNanos, long afterNanos, long speedBps, long inOctets, long outOctets,
      long inPackets, long inBps, long inPps) {}

  private static SimulatedDevice device() {
    return new SimulatedDevice("sim-0001", 1, "127.0.0.1", 10830, 6, true);
  }

  private static Reading read(SimulatedDevice device) throws Exception {
    long before = System.nanoTime();
    Reply reply = RpcHandler.handle(device, "<rpc message-id=\"1\"><get-interface-information><interface-name>"
        + NAME + "</interface-name></get-interface-information></rpc>");
    long after = System.nanoTime();
    Element iface = new ReplyReader(reply.xml()).physicalInterfaces().get(NAME);
    Matcher speed = Pattern.compile("(\\d+)mbps").matcher(text(iface, "speed"));
    assertTrue(speed.matches(), "speed as Junos writes it: " + text(iface, "speed"));
    Element traffic = child(iface, "traffic-statistics");
    return new Reading(before, after, Long.parseLong(speed.group(1)) * 1_000_000,
        Long.parseLong(text(traffic, "input-bytes")), Long.parseLong(text(traffic, "output-bytes")),
        Long.parseLong(text(traffic, "input-packets")), Long.parseLong(text(traffic, "input-bps")),
        Long.parseLong(text(traffic, "input-pps")));
  }

  /** Asserts the counter grew at {@code perSecond} between the two readings, bracketing the unknown snapshot instants. */
  private static void assertRate(String what, double perSecond, Reading from, Reading to, long fromValue, long toValue) {
    double least = perSecond * (to.beforeNanos() - from.afterNanos()) / 1e9 - 1;
    double most = perSecond * (to.afterNanos() - from.beforeNanos()) / 1e9 + 1;
    long grown = toValue - fromValue;
    assertTrue(grown >= least && grown <= most,
        what + " grew " + grown + ", expected " + perSecond + "/s over the window: " + least + ".." + most);
  }

  private static Reading later(SimulatedDevice device) throws Exception {
    Thread.sleep(MEASURE_MILLIS); // a measurement window: the assertions use the measured times
    return read(device);
  }

  @Test
  void loadMakesTheOctetRatesThatFractionOfTheReportedSpeed() throws Exception {
    SimulatedDevice device = device();
    Reading normal = read(device);
    device.setTrafficLoad(NAME, 0.95);
    Reading start = read(device);
    Reading end = later(device);

    assertEquals(1_000_000_000L, start.speedBps(), "ge interfaces report 1000mbps");
    assertEquals(start.speedBps(), device.speedBps(NAME));
    double octetsPerSecond = 0.95 * start.speedBps() / 8;
    assertRate("input-bytes", octetsPerSecond, start, end, start.inOctets(), end.inOctets());
    assertRate("output-bytes", octetsPerSecond, start, end, start.outOctets(), end.outOctets());
    assertEquals(Math.round(0.95 * start.speedBps()), end.inBps(), "input-bps");
    assertTrue(start.inOctets() >= normal.inOctets() && start.outOctets() >= normal.outOctets(),
        "counters never step back when the load changes");
    assertTrue(end.inPackets() > start.inPackets());
    // Packets follow the octets: about the same average packet size as before.
    double sizeBefore = (double) normal.inBps() / normal.inPps();
    double sizeAfter = (double) end.inBps() / end.inPps();
    assertEquals(sizeBefore, sizeAfter, sizeBefore * 0.02, "bits per packet before and during the load");

    device.setTrafficLoad(NAME, 0.1, 0.6);
    Reading split = read(device);
    Reading splitEnd = later(device);
    assertRate("input-bytes at 10%", 0.1 * start.speedBps() / 8, split, splitEnd, split.inOctets(), splitEnd.inOctets());
    assertRate("output-bytes at 60%", 0.6 * start.speedBps() / 8, split, splitEnd, split.outOctets(), splitEnd.outOctets());
  }

  @Test
  void resetBringsBackTheOrdinaryRatesWithCountersStillMonotonic() throws Exception {
    SimulatedDevice device = device();
    Reading first = read(device);
    Reading second = later(device);
    long ordinaryBps = second.inBps();
    double ordinary = device.expectedRate(NAME, "in_octets");
    assertRate("ordinary input-bytes", ordinary, first, second, first.inOctets(), second.inOctets());

    device.setTrafficLoad(NAME, 0.9);
    Reading loaded = later(device);
    assertTrue(loaded.inBps() != ordinaryBps, "the load changed the rate");
    device.resetTrafficLoad(NAME);
    Reading reset = read(device);
    Reading afterReset = later(device);

    assertEquals(ordinaryBps, afterReset.inBps(), "input-bps back to the ordinary traffic");
    assertRate("input-bytes after the reset", ordinary, reset, afterReset, reset.inOctets(), afterReset.inOctets());
    long[] sequence = {first.inOctets(), second.inOctets(), loaded.inOctets(), reset.inOctets(), afterReset.inOctets()};
    for (int i = 1; i < sequence.length; i++) {
      assertTrue(sequence[i] >= sequence[i - 1], "input-bytes went back: " + java.util.Arrays.toString(sequence));
    }
  }

  @Test
  void countersStandStillWhileTheLoadedLinkIsDownAndResumeAtTheLoad() throws Exception {
    SimulatedDevice device = device();
    device.setTrafficLoad(NAME, 0.5);
    device.setLinkUp(NAME, false);
    Reading down = read(device);
    Reading stillDown = later(device);
    assertEquals(down.inOctets(), stillDown.inOctets(), "no traffic on a down link");
    assertEquals(0, stillDown.inBps());

    device.setLinkUp(NAME, true);
    Reading up = read(device);
    Reading upLater = later(device);
    assertTrue(up.inOctets() >= stillDown.inOctets());
    assertRate("input-bytes at 50% after the link came back", 0.5 * up.speedBps() / 8, up, upLater,
        up.inOctets(), upLater.inOctets());
  }

  @Test
  void rejectsLoadsOutsideTheLinkSpeedNamingDeviceAndInterface() {
    SimulatedDevice device = device();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> device.setTrafficLoad(NAME, 1.2));
    assertTrue(e.getMessage().contains("sim-0001") && e.getMessage().contains(NAME), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> device.setTrafficLoad(NAME, -0.1));
    assertThrows(IllegalArgumentException.class, () -> device.setTrafficLoad("xe-9/9/9", 0.5));
  }
}
