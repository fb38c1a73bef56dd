package io.telemetry.it.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 simulated devices on one node, with the real broker: every device's records arrive keyed by
 * its id, raw counters only grow, and the rates equal the simulator's known rates.
 */
class FleetDeliveryIT {

  private static final int DEVICES = 20;
  private static final int INTERFACES = 4;
  private static final int POLLS_PER_SERIES = 8;
  private static final String INTERFACE_TOPIC = "telemetry.metrics.interface";
  private static final String ROUTE_ENGINE_TOPIC = "telemetry.metrics.route_engine";

  @TempDir
  static Path workDir;

  static LocalStack stack;
  static List<Decoded> interfaceRecords;
  static List<Decoded> routeEngineRecords;

  @BeforeAll
  static void pollTheFleet() {
    stack = LocalStack.start(workDir, FleetSpec.of(DEVICES).withInterfaces(INTERFACES), Duration.ofSeconds(1),
        ConfigFactory.empty());
    String bootstrap = stack.broker().bootstrapServers();
    // Each device has INTERFACES physical interfaces, each with one logical unit.
    int seriesPerDevice = INTERFACES * 2;
    interfaceRecords = DecodedRecords.decode(TopicReader.readUntil(bootstrap, List.of(INTERFACE_TOPIC),
        records -> records.size() >= DEVICES * seriesPerDevice * POLLS_PER_SERIES
            && everyDeviceHasAtLeast(DecodedRecords.decode(records), seriesPerDevice * POLLS_PER_SERIES),
        Duration.ofSeconds(90)));
    routeEngineRecords = DecodedRecords.decode(TopicReader.readUntil(bootstrap, List.of(ROUTE_ENGINE_TOPIC),
        records -> everyDeviceHasAtLeast(DecodedRecords.decode(records), 1), Duration.ofSeconds(30)));
  }

  private static boolean everyDeviceHasAtLeast(List<Decoded> records, int count) {
    Map<String, Long> perDevice = records.stream().collect(Collectors.groupingBy(Decoded::key, Collectors.counting()));
    return perDevice.size() == DEVICES && perDevice.values().stream().allMatch(n -> n >= count);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyDeviceDeliversKeyedByItsId() {
    Set<String> expected = stack.fleet().devices().stream().map(SimulatedDevice::id).collect(Collectors.toSet());
    assertEquals(expected, interfaceRecords.stream().map(Decoded::key).collect(Collectors.toSet()));
    assertEquals(expected, routeEngineRecords.stream().map(Decoded::key).collect(Collectors.toSet()));
    for (Decoded r : interfaceRecords) {
      assertEquals(r.key(), r.sample().device(), "record key is the device id");
      assertEquals("interface", r.sample().family());
      assertEquals("local-node", r.sample().node());
    }
    // One device's records stay on one partition, so consumers see them in order.
    Map<String, Set<Integer>> partitions = interfaceRecords.stream().collect(
        Collectors.groupingBy(Decoded::key, Collectors.mapping(Decoded::partition, Collectors.toSet())));
    partitions.forEach((device, parts) -> assertEquals(1, parts.size(), device + " spread over " + parts));
  }

  @Test
  void rawCountersAreMonotonicPerSeries() {
    Map<String, List<Decoded>> bySeries = bySeries();
    int checked = 0;
    for (Map.Entry<String, List<Decoded>> series : bySeries.entrySet()) {
      List<Decoded> records = series.getValue();
      for (int i = 1; i < records.size(); i++) {
        Map<String, Long> before = records.get(i - 1).sample().counters();
        Map<String, Long> after = records.get(i).sample().counters();
        assertTrue(after.get("in_octets") == null || after.get("in_octets") >= before.get("in_octets"),
            series.getKey() + " in_octets went backwards");
        for (String counter : after.keySet()) {
          if (before.containsKey(counter)) {
            assertTrue(Long.compareUnsigned(after.get(counter), before.get(counter)) >= 0,
                series.getKey() + " " + counter + " went backwards: " + before.get(counter) + " -> " + after.get(counter));
            checked++;
          }
        }
        assertTrue(records.get(i).sample().time().isAfter(records.get(i - 1).sample().time()),
            series.getKey() + " sample times must increase");
      }
    }
    assertTrue(checked > DEVICES * INTERFACES * 8, "checked " + checked + " counter steps");
  }

  @Test
  void ratesMatchTheSimulatorsKnownRates() {
    // Samples are stamped when the reply arrives, so one step's rate carries the jitter of two
    // reply times (a few ms on an idle machine, tens of ms on a busy one); over the whole series
    // that jitter averages out. Check both: every step loosely, the series' mean rate tightly.
    int compared = 0;
    for (Map.Entry<String, List<Decoded>> series : bySeries().entrySet()) {
      List<Decoded> records = series.getValue();
      String iface = records.get(0).sample().tags().get("interface");
      if (iface.contains(".")) {
        continue; // logical units: the simulator states rates for physical interfaces
      }
      SimulatedDevice device = stack.fleet().device(records.get(0).key());
      for (String counter : List.of("in_octets", "out_octets", "in_packets", "out_packets")) {
        double expected = device.expectedRate(iface, counter);
        double weightedSum = 0;
        double seconds = 0;
        for (int i = 1; i < records.size(); i++) {
          Double rate = records.get(i).sample().rates().get(counter);
          double step = (records.get(i).sample().timeUnixNano() - records.get(i - 1).sample().timeUnixNano()) / 1e9;
          assertEquals(expected, rate, expected * 0.25 + 1.0, series.getKey() + " " + counter + " step " + i);
          weightedSum += rate * step;
          seconds += step;
          compared++;
        }
        assertEquals(expected, weightedSum / seconds, expected * 0.04 + 1.0,
            series.getKey() + " " + counter + " mean rate over " + seconds + " s");
      }
    }
    // Every physical interface of every device, four counters, at least POLLS_PER_SERIES - 1 rates each.
    assertTrue(compared >= DEVICES * INTERFACES * 4 * (POLLS_PER_SERIES - 1), "compared " + compared + " rates");
  }

  @Test
  void noRateIsNegativeOrMissingAfterTheFirstReading() {
    for (Map.Entry<String, List<Decoded>> series : bySeries().entrySet()) {
      List<Decoded> records = series.getValue();
      for (int i = 1; i < records.size(); i++) {
        Map<String, Double> rates = records.get(i).sample().rates();
        assertEquals(records.get(i).sample().counters().keySet(), rates.keySet(),
            series.getKey() + ": every counter has a rate after the first reading");
        rates.forEach((counter, rate) -> assertTrue(rate >= 0, series.getKey() + " " + counter + " = " + rate));
      }
    }
  }

  /** Records per device and interface, in offset order (one partition per device). */
  private static Map<String, List<Decoded>> bySeries() {
    Map<String, List<Decoded>> bySeries = new HashMap<>();
    for (Decoded r : interfaceRecords) {
      bySeries.computeIfAbsent(r.key() + "/" + r.sample().tags().get("interface"), k -> new ArrayList<>()).add(r);
    }
    bySeries.values().forEach(list -> list.sort((a, b) -> Long.compare(a.offset(), b.offset())));
    return bySeries;
  }
}
