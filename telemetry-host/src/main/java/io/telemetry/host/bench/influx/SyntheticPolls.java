package io.telemetry.host.bench.influx;

import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Poll batches as the Junos collector and the device actor hand them to the sinks, made up
 * without polling: for each device and poll round, one {@code interface} sample per physical port
 * (8 counters, their 8 rates, 3 gauges), one per logical unit {@code .0} (2 counters, 2 rates) and
 * one {@code route_engine} sample (14 gauges): the field sets of {@code InterfaceInformationParser}
 * and {@code RouteEngineInformationParser} on the simulator's replies, with rates as
 * {@code CounterRates} adds them (1,118 values in 97 samples for 48 ports).
 *
 * <p>Deterministic: the same (devices, interfaces, start, seed) give the same samples, so the
 * ceiling and the sink write the same points. Each round is one poll of every device, one interval
 * after the previous one, with nanosecond times and counters grown by their rates; every device
 * and port is its own series.
 */
public final class SyntheticPolls {

  static final List<String> PHYSICAL_COUNTERS = List.of("in_octets", "out_octets", "in_packets", "out_packets",
      "in_errors", "in_discards", "out_errors", "out_discards");
  static final List<String> LOGICAL_COUNTERS = List.of("in_packets", "out_packets");
  static final List<String> ROUTE_ENGINE_GAUGES = List.of("cpu_user", "cpu_background", "cpu_system",
      "cpu_interrupt", "cpu_idle", "cpu_util", "memory_utilization", "memory_bytes", "temperature_celsius",
      "cpu_temperature_celsius", "uptime_seconds", "load_average_1m", "load_average_5m", "load_average_15m");

  private final int devices;
  private final int interfaces;
  private final Instant start;
  private final Duration interval;
  private final long seed;
  private final String[] deviceIds;
  private final String[] physicalNames;
  private final String[] logicalNames;

  public SyntheticPolls(int devices, int interfaces, Instant start, Duration interval, long seed) {
    if (devices < 1 || interfaces < 1) {
      throw new IllegalArgumentException("synthetic polls need at least one device and one interface, got "
          + devices + " devices x " + interfaces + " interfaces");
    }
    this.devices = devices;
    this.interfaces = interfaces;
    this.start = start;
    this.interval = interval;
    this.seed = seed;
    this.deviceIds = new String[devices];
    for (int d = 0; d < devices; d++) {
      deviceIds[d] = String.format("bench-%05d", d);
    }
    this.physicalNames = new String[interfaces];
    this.logicalNames = new String[interfaces];
    for (int i = 0; i < interfaces; i++) {
      physicalNames[i] = "ge-0/0/" + i;
      logicalNames[i] = physicalNames[i] + ".0";
    }
  }

  public int devices() {
    return devices;
  }

  /** Samples in one poll of one device: every port, its unit, the routing engine. */
  public int samplesPerPoll() {
    return 2 * interfaces + 1;
  }

  /** Values (counters + rates + gauges) in one poll of one device. */
  public int valuesPerPoll() {
    int physical = PHYSICAL_COUNTERS.size() * 2 + 3;
    int logical = LOGICAL_COUNTERS.size() * 2;
    return interfaces * (physical + logical) + ROUTE_ENGINE_GAUGES.size();
  }

  /** One poll of every device, devices in order. */
  public List<PollBatch> round(int round) {
    List<PollBatch> batches = new ArrayList<>(devices);
    for (int d = 0; d < devices; d++) {
      batches.add(poll(d, round));
    }
    return batches;
  }

  /** Rounds {@code from} (inclusive) to {@code to} (exclusive), one after the other. */
  public List<PollBatch> rounds(int from, int to) {
    List<PollBatch> batches = new ArrayList<>(devices * Math.max(0, to - from));
    for (int r = from; r < to; r++) {
      batches.addAll(round(r));
    }
    return batches;
  }

  /** The poll of one device in one round. */
  public PollBatch poll(int device, int round) {
    String id = deviceIds[device];
    Instant polled = start.plus(interval.multipliedBy(round))
        .plusNanos(Math.floorMod(mix(device, -1), 1_000_000_000L)); // polls spread over a second, ns apart
    double seconds = interval.toNanos() / 1e9;
    List<Sample> samples = new ArrayList<>(samplesPerPoll());
    for (int i = 0; i < interfaces; i++) {
      SplittableRandom port = new SplittableRandom(mix(device, i));
      SplittableRandom wobble = new SplittableRandom(mix(device, i) ^ (round * 0x9E3779B97F4A7C15L));
      Map<String, Long> counters = new LinkedHashMap<>();
      Map<String, Double> rates = new LinkedHashMap<>();
      for (String counter : PHYSICAL_COUNTERS) {
        double rate = baseRate(port, counter) * (0.9 + 0.2 * wobble.nextDouble());
        counters.put(counter, port.nextLong(1L << 40) + (long) (rate * seconds * round));
        rates.put(counter, rate);
      }
      samples.add(new Sample(id, "interface", polled, Map.of("interface", physicalNames[i]), counters,
          Map.of("admin_status", 1.0, "oper_status", 1.0, "speed_bps", 1.0e9), rates, 64,
          "snmp-index=" + (500 + i) + ";local-index=" + (100 + i) + ";statistics-cleared=Never"));
      Map<String, Long> unitCounters = new LinkedHashMap<>();
      Map<String, Double> unitRates = new LinkedHashMap<>();
      for (String counter : LOGICAL_COUNTERS) {
        double rate = rates.get(counter) * 0.97;
        unitCounters.put(counter, counters.get(counter) / 100 * 97);
        unitRates.put(counter, rate);
      }
      samples.add(new Sample(id, "interface", polled, Map.of("interface", logicalNames[i]), unitCounters,
          Map.of(), unitRates, 64, "snmp-index=" + (1500 + i) + ";local-index=" + (300 + i) + ";statistics-cleared=Never"));
    }
    samples.add(routeEngine(id, device, round, polled.plusMillis(3)));
    return new PollBatch(id, samples);
  }

  private Sample routeEngine(String id, int device, int round, Instant time) {
    SplittableRandom level = new SplittableRandom(mix(device, -2) ^ round);
    Map<String, Double> gauges = new LinkedHashMap<>();
    double user = 2 + level.nextInt(12);
    double idle = 100 - user - 4 - level.nextInt(4);
    for (String gauge : ROUTE_ENGINE_GAUGES) {
      gauges.put(gauge, switch (gauge) {
        case "cpu_user" -> user;
        case "cpu_idle" -> idle;
        case "cpu_util" -> 100 - idle;
        case "memory_bytes" -> 16384.0 * 1024 * 1024;
        case "uptime_seconds" -> 14_000_000.0 + round * interval.toSeconds();
        case "load_average_1m", "load_average_5m", "load_average_15m" -> Math.round(level.nextDouble() * 100) / 100.0;
        default -> (double) level.nextInt(60);
      });
    }
    return new Sample(id, "route_engine", time, Map.of("slot", "0", "mastership", "master"), Map.of(), gauges,
        Map.of(), 64, "");
  }

  // Rates as a busy edge: octets up to ~100 MB/s, packets a tenth, errors and discards rare.
  private static double baseRate(SplittableRandom port, String counter) {
    double octets = Math.exp(port.nextDouble() * Math.log(1e8));
    return switch (counter) {
      case "in_octets", "out_octets" -> octets;
      case "in_packets", "out_packets" -> octets / (64 + port.nextInt(1400));
      default -> port.nextDouble() < 0.2 ? port.nextDouble() * 5 : 0.0;
    };
  }

  private long mix(int device, int port) {
    long h = seed * 0x9E3779B97F4A7C15L + device * 0xC2B2AE3D27D4EB4FL + port * 0x165667B19E3779F9L;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    return h ^ (h >>> 33);
  }
}
