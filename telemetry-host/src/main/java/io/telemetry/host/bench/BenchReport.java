package io.telemetry.host.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.telemetry.host.bench.BenchFigures.Check;
import io.telemetry.host.bench.BenchFigures.Seconds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders figures as text for the terminal and as JSON for files. */
public final class BenchReport {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchReport() {}

  public static String json(BenchFigures figures) {
    try {
      return JSON.writeValueAsString(figures);
    } catch (IOException e) {
      throw new IllegalStateException("bench: cannot render the figures as JSON", e);
    }
  }

  public static void writeJson(BenchFigures figures, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, json(figures) + "\n");
  }

  public static List<String> text(BenchFigures f) {
    BenchFigures.Run r = f.run();
    BenchFigures.Polls p = f.polls();
    BenchFigures.Heap h = f.heap();
    BenchFigures.Cpu c = f.cpuSeconds();
    double steady = r.steadySeconds();
    List<String> lines = new ArrayList<>();
    lines.add(fmt("bench: %d devices x %d interfaces, polled every %ss; warm-up %.0fs, steady state %.1fs",
        r.devices(), r.interfaces(), trim(r.intervalSeconds()), r.warmupSeconds(), steady));
    lines.add(fmt("  throughput     %,.0f points/s delivered to Kafka (%,.0f samples/s, %,.1f polls/s)",
        f.throughput().pointsPerSecond(), f.throughput().samplesPerSecond(), f.throughput().pollsPerSecond()));
    BenchFigures.PollDurations d = f.pollDurationMillis();
    lines.add(d.count() == 0 ? "  poll duration  no poll finished in the steady state"
        : fmt("  poll duration  p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d polls)", d.p50(), d.p99(), d.max(), d.count()));
    lines.add(fmt("  late polls     %d slow (longer than the interval), %d skipped ticks   [run: %d, %d]",
        p.slowPolls().steady(), p.overruns().steady(), p.slowPolls().run(), p.overruns().run()));
    lines.add(fmt("  deferrals      %d   [run: %d]", p.deferrals().steady(), p.deferrals().run()));
    lines.add(fmt("  errors         %d poll/connect errors, %d samples not delivered   [run: %d, %d]",
        p.errors().steady(), p.failedSamples().steady(), p.errors().run(), p.failedSamples().run()));
    lines.addAll(sinks(f.sinks()));
    lines.addAll(correlation(f.correlation()));
    lines.add(fmt("  devices        %d/%d polled in the steady state; every device had polled %s",
        p.devicesPolledInSteadyState(), r.devices(),
        r.secondsUntilEveryDevicePolled() == null ? "(never all)" : fmt("%.1fs after the start", r.secondsUntilEveryDevicePolled())));
    lines.add(fmt("  node heap      max %d MiB; used after GC: max %d MiB (steady %s); peak used %d MiB (steady %d MiB)",
        BenchFigures.mib(h.maxHeapBytes()), BenchFigures.mib(h.maxUsedAfterGcBytes()),
        h.steadyMaxUsedAfterGcBytes() == null ? "no GC" : BenchFigures.mib(h.steadyMaxUsedAfterGcBytes()) + " MiB",
        BenchFigures.mib(h.peakUsedBytes()),
        BenchFigures.mib(h.steadyPeakUsedBytes())));
    lines.add(fmt("                 live after full GC at the end %s (baseline %s); per device %,d KiB used after GC, %s marginal live",
        h.liveAfterFullGcBytes() == null ? "n/a" : BenchFigures.mib(h.liveAfterFullGcBytes()) + " MiB",
        h.baselineBytes() == null ? "n/a" : BenchFigures.mib(h.baselineBytes()) + " MiB",
        h.usedAfterGcPerDeviceBytes() / 1024,
        h.marginalLivePerDeviceBytes() == null ? "n/a" : fmt("%,d KiB", h.marginalLivePerDeviceBytes() / 1024)));
    lines.add(fmt("                 %d GCs in the steady state, %d ms of pauses", h.steadyGcCount(), h.steadyGcPauseMillis()));
    boolean influxdb = c.influxdb() != null && c.influxdb().run() != null;
    lines.add(fmt("  cpu seconds    steady: node %s, simulator %s, broker %s = %s of %.0f available;%s machine busy %s",
        cpu(c.node().steady(), steady), cpu(c.simulator().steady(), steady), cpu(c.broker().steady(), steady),
        cpu(c.total().steady(), steady), steady * r.processors(),
        influxdb ? " influxdb " + cpu(c.influxdb().steady(), steady) + ";" : "", cpu(c.machine().steady(), steady)));
    lines.add(fmt("                 run:    node %s, simulator %s, broker %s = %s;%s machine busy %s",
        secs(c.node()), secs(c.simulator()), secs(c.broker()), secs(c.total()),
        influxdb ? " influxdb " + secs(c.influxdb()) + ";" : "", secs(c.machine())));
    for (Check check : f.checks()) {
      lines.add(fmt("  %s  %s: %s (target: %s)", check.passed() ? "PASS" : "MISS", check.name(), check.actual(), check.target()));
    }
    return lines;
  }

  /** Each sink in a column, the primary (Kafka) first: steady-state figures, [run] where it differs. */
  static List<String> sinks(List<BenchFigures.Sink> sinks) {
    List<String> lines = new ArrayList<>();
    if (sinks.isEmpty()) {
      return lines;
    }
    StringBuilder head = new StringBuilder("  sinks          ");
    StringBuilder points = new StringBuilder("    points/s     ");
    StringBuilder samples = new StringBuilder("    samples/s    ");
    StringBuilder written = new StringBuilder("    written      ");
    StringBuilder retries = new StringBuilder("    retries      ");
    StringBuilder rejected = new StringBuilder("    rejected     ");
    StringBuilder dropped = new StringBuilder("    dropped      ");
    StringBuilder failed = new StringBuilder("    failed       ");
    StringBuilder depth = new StringBuilder("    buffer max   ");
    for (BenchFigures.Sink s : sinks) {
      head.append(column(s.name() + (s.primary() ? " (primary)" : "")));
      points.append(column(fmt("%,.0f", s.pointsPerSecond())));
      samples.append(column(fmt("%,.0f", s.samplesPerSecond())));
      written.append(column(count(s.writtenPoints()) + " pts"));
      retries.append(column(count(s.retries())));
      rejected.append(column(count(s.rejectedPoints())));
      dropped.append(column(count(s.droppedSamples())));
      failed.append(column(count(s.failedSamples())));
      depth.append(column(s.bufferDepthMax().steady() + " of " + s.bufferBatches() + " [" + s.bufferDepthMax().run() + "]"));
    }
    lines.add(head.append("steady state [run]").toString());
    lines.add(points.append("values written per second (a point is a value, as above)").toString());
    lines.add(samples.append("samples written per second (InfluxDB: lines, its points)").toString());
    lines.add(written.toString().stripTrailing());
    lines.add(retries.append("write requests retried").toString());
    lines.add(rejected.append("values refused as bad data").toString());
    lines.add(dropped.append("samples dropped by a full buffer (drop-oldest)").toString());
    lines.add(failed.append("samples not written").toString());
    lines.add(depth.append("poll batches in the sink's buffer (read every second)").toString());
    for (BenchFigures.Sink s : sinks) {
      BenchFigures.InfluxSettings i = s.influx();
      if (i != null) {
        lines.add(fmt("  %-13s  dialect %s, batch-points %d, parallelism %d, batch-interval %d ms, gzip %s, overflow %s",
            s.name() + " sink", i.dialect(), i.batchPoints(), i.parallelism(), i.batchIntervalMillis(),
            i.gzip() ? "on" : "off", i.overflow()));
      }
    }
    return lines;
  }

  /** Each correlation rule instance in a column: steady-state rates, counts and event latencies. */
  static List<String> correlation(List<BenchFigures.CorrelationRule> rules) {
    List<String> lines = new ArrayList<>();
    if (rules.isEmpty()) {
      return lines;
    }
    StringBuilder head = new StringBuilder("  correlation    ");
    StringBuilder input = new StringBuilder("    input/s      ");
    StringBuilder consumed = new StringBuilder("    consumed/s   ");
    StringBuilder evaluated = new StringBuilder("    evaluated/s  ");
    StringBuilder other = new StringBuilder("    set aside    ");
    StringBuilder lag = new StringBuilder("    lag at end   ");
    StringBuilder events = new StringBuilder("    events       ");
    StringBuilder published = new StringBuilder("    published    ");
    StringBuilder seen = new StringBuilder("    seen         ");
    for (BenchFigures.CorrelationRule r : rules) {
      head.append(column(r.rule()));
      input.append(column(fmt("%,.0f", r.inputRecordsPerSecond())));
      consumed.append(column(fmt("%,.0f", r.consumedPerSecond())));
      evaluated.append(column(fmt("%,.0f", r.evaluatedPerSecond())));
      other.append(column(fmt("%,d / %,d / %,d", r.skipped(), r.late(), r.malformed())));
      lag.append(column(fmt("%,d (%.2f s)", r.lagAtEnd(), r.secondsBehindAtEnd())));
      events.append(column(fmt("%d raised, %d cleared", r.raised(), r.cleared())));
      published.append(column(latency(r.publishedLatencyMillis())));
      seen.append(column(latency(r.seenLatencyMillis())));
    }
    lines.add(head.append("steady state, one instance each (in the node's JVM)").toString());
    lines.add(input.append("records written to its input topics per second").toString());
    lines.add(consumed.append("records read per second").toString());
    lines.add(evaluated.append("records given to the rule per second").toString());
    lines.add(other.append("records skipped (no key) / late / malformed").toString());
    lines.add(lag.append("records of its inputs not committed by its group").toString());
    lines.add(events.append("seen by a read_committed consumer").toString());
    lines.add(published.append("raised: sample time -> event record timestamp, ms").toString());
    lines.add(seen.append("raised: sample time -> read by a read_committed consumer, ms").toString());
    return lines;
  }

  private static String latency(BenchFigures.Latency l) {
    return l.count() == 0 ? "no events" : fmt("p50 %.0f p99 %.0f max %.0f", l.p50(), l.p99(), l.max());
  }

  private static String column(String text) {
    return String.format(Locale.ROOT, "%-30s", text);
  }

  private static String count(BenchFigures.Count c) {
    return fmt("%,d [%,d]", c.steady(), c.run());
  }

  private static String cpu(Double seconds, double window) {
    return seconds == null ? "n/a" : fmt("%.1f (%.0f%% of a core)", seconds, 100 * seconds / window);
  }

  private static String secs(Seconds s) {
    return s.run() == null ? "n/a" : fmt("%.1f", s.run());
  }

  private static String trim(double seconds) {
    return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
