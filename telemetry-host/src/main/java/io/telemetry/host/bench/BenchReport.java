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
    lines.add(fmt("  cpu seconds    steady: node %s, simulator %s, broker %s = %s of %.0f available; machine busy %s",
        cpu(c.node().steady(), steady), cpu(c.simulator().steady(), steady), cpu(c.broker().steady(), steady),
        cpu(c.total().steady(), steady), steady * r.processors(), cpu(c.machine().steady(), steady)));
    lines.add(fmt("                 run:    node %s, simulator %s, broker %s = %s; machine busy %s",
        secs(c.node()), secs(c.simulator()), secs(c.broker()), secs(c.total()), secs(c.machine())));
    for (Check check : f.checks()) {
      lines.add(fmt("  %s  %s: %s (target: %s)", check.passed() ? "PASS" : "MISS", check.name(), check.actual(), check.target()));
    }
    return lines;
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
