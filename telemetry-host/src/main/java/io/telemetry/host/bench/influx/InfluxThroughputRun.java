package io.telemetry.host.bench.influx;

import io.telemetry.host.process.ChildFiles;
import com.typesafe.config.ConfigFactory;
import io.telemetry.host.bench.CpuClock;
import io.telemetry.host.bench.influx.InfluxThroughputFigures.Cpu;
import io.telemetry.host.bench.influx.InfluxThroughputFigures.CpuReading;
import io.telemetry.host.bench.influx.InfluxThroughputFigures.Pair;
import io.telemetry.host.bench.influx.InfluxThroughputFigures.SinkTrial;
import io.telemetry.host.bench.influx.InfluxThroughputFigures.Trial;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.host.influx.InfluxdBinary;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.sink.influx.InfluxSinkSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * InfluxDB's ceiling and the sink at full speed, back to back on one embedded {@code influxd}:
 * every (batch size, parallelism) of the settings posts the same pre-built bodies straight to the
 * server (the sweep); then the fastest configuration and the sink, which writes the same points
 * from pre-built poll batches, run in turns, so that both see the same conditions.
 * Every trial writes into a fresh database: warm-up rounds first (they create the series), then
 * the timed rounds; the database is dropped afterwards.
 */
public final class InfluxThroughputRun {

  private final InfluxThroughputSettings settings;
  private final String command;
  private final PrintStream out;

  public InfluxThroughputRun(InfluxThroughputSettings settings, String command, PrintStream out) {
    this.settings = settings;
    this.command = command;
    this.out = out;
  }

  public InfluxThroughputFigures run() throws InterruptedException {
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    int warm = settings.warmupRounds();
    int timed = settings.timedRounds();
    // Recent timestamps (the last rounds end about now), the same for every trial.
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(settings.interval().multipliedBy(warm + timed));
    SyntheticPolls polls = new SyntheticPolls(settings.devices(), settings.interfaces(), start, settings.interval(), 42);
    out.printf(Locale.ROOT, "building %d + %d rounds of %,d devices x %d samples (%,d values per poll)...%n",
        warm, timed, settings.devices(), polls.samplesPerPoll(), polls.valuesPerPoll());
    List<PollBatch> warmBatches = polls.rounds(0, warm);
    List<PollBatch> timedBatches = polls.rounds(warm, warm + timed);

    Path dataDir = settings.workDir().toAbsolutePath().resolve("influxdb");
    ChildFiles.deleteRecursively(dataDir, "bench influx-ceiling"); // every run starts with an empty server
    out.println("starting the embedded InfluxDB in " + dataDir + "...");
    try (EmbeddedInflux influx = EmbeddedInflux.builder().dataDir(dataDir).build().start()) {
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "influx-bench",
          ConfigFactory.parseString("pekko.actor.provider = local, pekko.loglevel = WARNING")
              .withFallback(ConfigFactory.load()));
      try {
        return measure(influx, system, polls, warmBatches, timedBatches, startedAt);
      } finally {
        system.terminate();
      }
    }
  }

  private InfluxThroughputFigures measure(EmbeddedInflux influx, ActorSystem<Void> system, SyntheticPolls polls,
      List<PollBatch> warmBatches, List<PollBatch> timedBatches, String startedAt) throws InterruptedException {
    DirectWriter direct = new DirectWriter(influx.url());
    out.println("sweep: pre-built bodies posted straight to InfluxDB");
    List<Trial> sweep = new ArrayList<>();
    for (int batchPoints : settings.batchPoints()) {
      for (int parallelism : settings.parallelisms()) {
        sweep.add(direct(influx, direct, batchPoints, parallelism, warmBatches, timedBatches));
      }
    }
    Trial best = InfluxThroughputFigures.best(sweep);
    out.printf(Locale.ROOT, "best: b=%d p=%d; now it and the sink in turns, %d times%n", best.batchPoints(),
        best.parallelism(), settings.pairs());
    SinkFeeder feeder = new SinkFeeder(system, settings.entryCapacity());
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < settings.pairs(); i++) {
      Trial directRun = direct(influx, direct, best.batchPoints(), best.parallelism(), warmBatches, timedBatches);
      SinkTrial sinkRun = sink(influx, feeder, warmBatches, timedBatches);
      pairs.add(Pair.of(directRun, sinkRun));
    }

    long timedLines = (long) timedBatches.size() * polls.samplesPerPoll();
    long timedValues = (long) timedBatches.size() * polls.valuesPerPoll();
    InfluxThroughputFigures.Run run = new InfluxThroughputFigures.Run(startedAt, command, settings.devices(),
        settings.interfaces(), polls.samplesPerPoll(), polls.valuesPerPoll(), settings.warmupRounds(),
        settings.timedRounds(), timedLines, timedValues, Runtime.getRuntime().availableProcessors(),
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), influxdVersion());
    InfluxSinkSettings s = settings.sink();
    return InfluxThroughputFigures.compute(run, sweep, pairs, new InfluxThroughputFigures.SinkSettings(
        s.batchPoints(), s.parallelism(), s.batchInterval().toMillis(), s.gzip(), s.bufferBatches()));
  }

  private Trial direct(EmbeddedInflux influx, DirectWriter direct, int batchPoints, int parallelism,
      List<PollBatch> warmBatches, List<PollBatch> timedBatches) throws InterruptedException {
    String database = "ceiling_b" + batchPoints + "_p" + parallelism;
    influx.createDatabase(database);
    try {
      direct.write(database, LineBodies.of(warmBatches, batchPoints).bodies(), parallelism);
      LineBodies bodies = LineBodies.of(timedBatches, batchPoints);
      System.gc(); // the bodies' garbage is not collected while the clock runs
      CpuReading before = cpu();
      long started = System.nanoTime();
      direct.write(database, bodies.bodies(), parallelism);
      long nanos = System.nanoTime() - started;
      Trial trial = Trial.of("direct b=" + batchPoints + " p=" + parallelism, batchPoints, parallelism,
          bodies.bodies().size(), bodies.lines(), bodies.values(), nanos, Cpu.between(before, cpu()));
      out.println("  " + InfluxThroughputReport.trialLine(trial));
      return trial;
    } finally {
      influx.query("", "DROP DATABASE " + EmbeddedInflux.identifier(database));
    }
  }

  private SinkTrial sink(EmbeddedInflux influx, SinkFeeder feeder, List<PollBatch> warmBatches,
      List<PollBatch> timedBatches) throws InterruptedException {
    String database = "sink";
    influx.createDatabase(database);
    InfluxSinkSettings s = settings.sink();
    InfluxSinkSettings sinkSettings = new InfluxSinkSettings(influx.url(), s.dialect(), database, "", "", "", "",
        "", "", s.batchPoints(), s.batchInterval(), s.parallelism(), s.requestTimeout(), s.retryBackoffMin(),
        s.retryBackoffMax(), s.bufferBatches(), s.overflow(), s.gzip());
    try {
      feeder.run(sinkSettings, warmBatches);
      System.gc(); // as before a direct run: the warm-up's garbage is not collected while the clock runs
      CpuReading before = cpu();
      SinkFeeder.Pass pass = feeder.run(sinkSettings, timedBatches);
      Cpu cpu = Cpu.between(before, cpu());
      long lines = pass.counters().writtenSamples();
      long requests = (lines + s.batchPoints() - 1) / s.batchPoints();
      Trial trial = Trial.of("sink b=" + s.batchPoints() + " p=" + s.parallelism() + (s.gzip() ? " gzip" : ""),
          s.batchPoints(), s.parallelism(), requests, lines, pass.counters().writtenPoints(), pass.nanos(), cpu);
      out.println("  " + InfluxThroughputReport.trialLine(trial));
      return new SinkTrial(trial, pass.counters(), pass.bufferDepthMax());
    } finally {
      influx.query("", "DROP DATABASE " + EmbeddedInflux.identifier(database));
    }
  }

  private static CpuReading cpu() {
    OptionalLong influxd = InfluxdPid.find();
    return new CpuReading(CpuClock.thisProcessSeconds(),
        influxd.isPresent() ? CpuClock.processSeconds(influxd.getAsLong()) : OptionalDouble.empty(),
        CpuClock.machineBusySeconds());
  }

  private static String influxdVersion() {
    try {
      Process p = new ProcessBuilder(InfluxdBinary.require().toString(), "version").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return text;
    } catch (IOException e) {
      return "influxd (version unknown: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "influxd";
    }
  }
}
