package io.telemetry.host.bench.influx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.telemetry.host.bench.influx.InfluxThroughputFigures.Cpu;
import io.telemetry.host.bench.influx.InfluxThroughputFigures.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the ceiling and sink figures as text for the terminal and as JSON for files. */
public final class InfluxThroughputReport {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private InfluxThroughputReport() {}

  public static String json(InfluxThroughputFigures figures) {
    try {
      return JSON.writeValueAsString(figures);
    } catch (IOException e) {
      throw new IllegalStateException("influx bench: cannot render the figures as JSON", e);
    }
  }

  public static void writeJson(InfluxThroughputFigures figures, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, json(figures) + "\n");
  }

  public static List<String> text(InfluxThroughputFigures f) {
    InfluxThroughputFigures.Run r = f.run();
    InfluxThroughputFigures.Summary m = f.summary();
    InfluxThroughputFigures.SinkSettings s = f.sinkSettings();
    List<String> lines = new ArrayList<>();
    lines.add(fmt("influx-ceiling: %,d devices x %d samples (%,d values) per round; %d warm-up + %d timed rounds:"
            + " %,d lines (InfluxDB points), %,d values per run",
        r.devices(), r.samplesPerPoll(), r.valuesPerPoll(), r.warmupRounds(), r.timedRounds(), r.timedLines(),
        r.timedValues()));
    lines.add("  server        " + r.influxd());
    lines.add("  sweep (direct writes of pre-built bodies):");
    for (Trial trial : f.sweep()) {
      lines.add("    " + trialLine(trial));
    }
    lines.add(fmt("  in turns (best configuration b=%d p=%d, then the sink):", m.bestBatchPoints(), m.bestParallelism()));
    for (InfluxThroughputFigures.Pair pair : f.pairs()) {
      lines.add("    " + trialLine(pair.direct()));
      InfluxThroughputFigures.SinkTrial sink = pair.sink();
      lines.add("    " + trialLine(sink.trial()) + fmt("  = %.0f%%; buffer depth max %d", 100 * pair.sinkToDirect(),
          sink.bufferDepthMax()));
    }
    lines.add(fmt("  ceiling       %,.0f lines/s (%,.0f values/s): median of the direct runs in turns; fastest single"
            + " direct run %,.0f lines/s (%s)",
        m.ceilingLinesPerSecond(), m.ceilingValuesPerSecond(), m.highestDirect().linesPerSecond(),
        m.highestDirect().name()));
    lines.add(fmt("  sink          %,.0f lines/s (%,.0f values/s): median = %.0f%% of the ceiling (%.0f%% of the fastest"
            + " single run); batch-points %d, parallelism %d, batch-interval %d ms, gzip %s, buffer-batches %d",
        m.sinkLinesPerSecond(), m.sinkValuesPerSecond(), 100 * m.sinkToCeiling(), 100 * m.sinkToHighestDirect(),
        s.batchPoints(), s.parallelism(), s.batchIntervalMillis(), s.gzip() ? "on" : "off", s.bufferBatches()));
    if (m.sinkToCeilingPerCpuSecond() != null) {
      lines.add(fmt("  per cpu s     direct %,.0f lines, sink %,.0f lines per CPU second of client + influxd (%.0f%%):"
              + " independent of how much of the machine other work took", m.ceilingLinesPerCpuSecond(),
          m.sinkLinesPerCpuSecond(), 100 * m.sinkToCeilingPerCpuSecond()));
    }
    lines.add(fmt("  sink counters %d retries, %d values rejected, %d samples dropped, %d failed; buffer depth max %d of %d",
        m.sinkRetries(), m.sinkRejectedPoints(), m.sinkDroppedSamples(), m.sinkFailedSamples(), m.sinkBufferDepthMax(),
        s.bufferBatches()));
    lines.add(fmt("  %s  %s: %s (target: %s)", f.check().passed() ? "PASS" : "MISS", f.check().name(),
        f.check().actual(), f.check().target()));
    return lines;
  }

  /** One trial: rate, time, requests and CPU. */
  static String trialLine(Trial t) {
    Cpu cpu = t.cpuSeconds();
    return fmt("%-18s %,7.0f lines/s %,9.0f values/s %6.2f s %,5d requests; %s lines per cpu s; cpu s: client %s,"
            + " influxd %s, machine busy %s of %.1f",
        t.name(), t.linesPerSecond(), t.valuesPerSecond(), t.seconds(), t.requests(),
        t.linesPerCpuSecond() == null ? "n/a" : fmt("%,.0f", t.linesPerCpuSecond()), secs(cpu.client()),
        secs(cpu.influxd()), secs(cpu.machine()), t.seconds() * Runtime.getRuntime().availableProcessors());
  }

  private static String secs(Double seconds) {
    return seconds == null ? "n/a" : fmt("%.1f", seconds);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
