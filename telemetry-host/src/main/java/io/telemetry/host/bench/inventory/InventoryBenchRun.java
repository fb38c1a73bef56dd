package io.telemetry.host.bench.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.telemetry.cluster.WeightedShards;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.bench.inventory.SyntheticInventory.Churn;
import io.telemetry.host.node.NodeCollectors;
import io.telemetry.inventory.InventoryDiff;
import io.telemetry.inventory.InventoryRefresher;
import io.telemetry.inventory.InventorySettings;
import io.telemetry.inventory.Resource;
import io.telemetry.inventory.Target;
import io.telemetry.inventory.TargetPolicy;
import io.telemetry.inventory.cluster.TargetTable;
import io.telemetry.inventory.source.InventoryException;
import io.telemetry.inventory.source.ResourceSource;
import io.telemetry.inventory.source.ResourceSources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * {@code telemetry bench inventory}: how long one inventory refresh takes at a given size, stage by
 * stage, on the real code paths, in this JVM (no cluster). Per round, after ~1 % churn of the
 * inventory file: (1) the file source loads it ({@link ResourceSources}), (2) the policies select
 * ({@link TargetPolicy#select}), (3) {@link InventoryDiff} against the previous round's targets,
 * (4) the coordinator's {@link TargetTable} is built (stable shard placement) and (5) encoded as
 * Distributed Data would send it (the node's serializer binding, Jackson CBOR), and (6) a real
 * {@link InventoryRefresher} actor does its whole refresh (load and select on the blocking
 * dispatcher, diff, listener told), timed from {@code Refresh} to its {@code Updated}.
 */
public final class InventoryBenchRun {

  /** How the inventory file is written; the file source reads each ({@code format = auto}, by extension). */
  public enum Format {
    NDJSON, CSV, JSON;

    String extension() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** @param refreshTimeout how long one refresh of the refresher actor may take before the run fails */
  public record Settings(int resources, int policies, int rounds, int warmupRounds, Format format, Path workDir,
      long seed, Duration refreshTimeout) {
    public Settings {
      if (rounds < 1) {
        throw new IllegalArgumentException("--rounds must be at least 1, was " + rounds);
      }
      if (warmupRounds < 0) {
        throw new IllegalArgumentException("--warmup-rounds must be 0 or more, was " + warmupRounds);
      }
      if (resources < 1) {
        throw new IllegalArgumentException("--resources must be at least 1, was " + resources);
      }
      if (policies < 1) {
        throw new IllegalArgumentException("--policies must be at least 1 (the catch-all), was " + policies);
      }
    }
  }

  /** One measured round: milliseconds per stage and what the refresh found. */
  public record Round(int resources, int targets, int rejected, int unmatched, Churn churn, int added, int removed,
      int changed, double loadMs, double selectMs, double diffMs, double tableMs, double encodeMs, double refreshMs,
      int tableBytes, int tableGzipBytes) {}

  /** min / median / max over the measured rounds, and the median's share of the refresh interval. */
  public record Stage(String name, double minMs, double medianMs, double maxMs, double medianShareOfInterval) {}

  public record Figures(int schema, String command, Instant startedAt, String date, int processors, String loadAverageBefore,
      String loadAverageAfter, String jvm, int resources, int policies, String format, long fileBytes, int warmupRounds,
      long refreshIntervalMs, long largeFrameBytes, List<Stage> stages, List<Round> rounds) {}

  private record Arrival(InventoryRefresher.Updated update, long nanos) {}

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

  private final Settings settings;
  private final String command;
  private final PrintStream out;

  public InventoryBenchRun(Settings settings, String command, PrintStream out) {
    this.settings = settings;
    this.command = command;
    this.out = out;
  }

  public Figures run() throws IOException, InventoryException, InterruptedException {
    String loadBefore = loadAverage();
    Instant startedAt = Instant.now();
    Files.createDirectories(settings.workDir());
    out.printf(Locale.ROOT, "generating %,d resources and %d policies...%n", settings.resources(), settings.policies());
    SyntheticInventory inventory = new SyntheticInventory(settings.resources(), settings.seed());
    Path file = inventory.write(settings.workDir(), settings.format()).toAbsolutePath();
    Config config = nodeConfig(file, settings.policies());
    Path policiesFile = settings.workDir().resolve("policies.conf");
    Files.writeString(policiesFile, "telemetry.inventory.policies = " + SyntheticInventory.policies(settings.policies()) + "\n");
    out.println("inventory: " + file + " (" + Files.size(file) + " bytes); policies: " + policiesFile);

    Config telemetry = config.getConfig("telemetry");
    TargetPolicy policy = TargetPolicy.load(telemetry, new CollectorRegistry(NodeCollectors.factories(telemetry)));
    ResourceSource source = ResourceSources.fromConfig(telemetry.getConfig("inventory"), "telemetry.inventory");
    Duration interval = InventorySettings.fromConfig(telemetry).refreshInterval();
    int shards = telemetry.getInt("cluster.number-of-shards");

    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench-inventory", config);
    try {
      Serialization serialization = SerializationExtension.get(system);
      BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
      ActorRef<InventoryRefresher.Updated> listener = system.systemActorOf(listener(arrivals), "listener", Props.empty());
      // A long interval: the refresher loads once at its start, then only on Refresh, as the bench asks.
      ActorRef<InventoryRefresher.Command> refresher = system.systemActorOf(
          InventoryRefresher.create(source, policy, Duration.ofDays(1), listener), "inventory-refresher", Props.empty());
      Arrival first = next(arrivals, "the refresher's first load");
      List<Target> previousTargets = first.update().targets();
      TargetTable previousTable = table(TargetTable.EMPTY, first.update().resources(), shards);

      List<Round> measured = new ArrayList<>();
      int total = settings.warmupRounds() + settings.rounds();
      for (int r = 1; r <= total; r++) {
        Churn churn = inventory.churn();
        inventory.write(settings.workDir(), settings.format());

        long t0 = System.nanoTime();
        List<Resource> resources = source.load();
        long t1 = System.nanoTime();
        TargetPolicy.Selection selection = policy.select(resources);
        long t2 = System.nanoTime();
        InventoryDiff diff = InventoryDiff.between(previousTargets, selection.targets());
        long t3 = System.nanoTime();
        TargetTable table = table(previousTable, selected(resources, selection), shards);
        long t4 = System.nanoTime();
        byte[] encoded = serialization.serialize(table).get();
        long t5 = System.nanoTime();

        long sent = System.nanoTime();
        refresher.tell(InventoryRefresher.Refresh.INSTANCE);
        Arrival arrival = next(arrivals, "round " + r + "'s refresh");
        InventoryDiff refreshed = arrival.update().diff();
        if (!ids(refreshed).equals(ids(diff))) {
          throw new IllegalStateException("round " + r + ": the refresher found " + refreshed + ", the stages " + diff);
        }

        Round round = new Round(resources.size(), selection.targets().size(), selection.rejected().size(),
            selection.unmatched().size(), churn, diff.added().size(), diff.removed().size(), diff.changed().size(),
            ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), ms(arrival.nanos() - sent),
            encoded.length, gzipped(encoded));
        boolean warmup = r <= settings.warmupRounds();
        if (!warmup) {
          measured.add(round);
        }
        out.println(progress(r, total, warmup, round));
        previousTargets = selection.targets();
        previousTable = table;
      }
      return new Figures(1, command, startedAt, startedAt.toString().substring(0, 10),
          Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(), jvm(), settings.resources(),
          settings.policies(), settings.format().extension(), Files.size(file), settings.warmupRounds(), interval.toMillis(),
          config.getBytes("pekko.remote.artery.advanced.maximum-large-frame-size"), stages(measured, interval), measured);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }

  /** The report: per stage min / median / max and the median's share of the refresh interval. */
  public static List<String> text(Figures f) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "inventory selection: %,d resources (%s, %,d bytes), %d policies, %d rounds"
        + " after %d warm-up; refresh interval %d s", f.resources(), f.format(), f.fileBytes(), f.policies(),
        f.rounds().size(), f.warmupRounds(), f.refreshIntervalMs() / 1000));
    lines.add(String.format(Locale.ROOT, "machine: %d processors, %s; load average before %s, after %s", f.processors(),
        f.jvm(), f.loadAverageBefore(), f.loadAverageAfter()));
    Round last = f.rounds().get(f.rounds().size() - 1);
    lines.add(String.format(Locale.ROOT, "last round: %,d targets, %d rejected, %d unmatched; churn %d changed, %d removed,"
        + " %d added -> diff +%d -%d ~%d", last.targets(), last.rejected(), last.unmatched(), last.churn().changed(),
        last.churn().removed(), last.churn().added(), last.added(), last.removed(), last.changed()));
    lines.add(String.format(Locale.ROOT, "%-26s %10s %10s %10s %12s", "stage", "min ms", "median ms", "max ms",
        "of interval"));
    for (Stage s : f.stages()) {
      lines.add(String.format(Locale.ROOT, "%-26s %10.1f %10.1f %10.1f %11.3f%%", s.name(), s.minMs(), s.medianMs(),
          s.maxMs(), 100 * s.medianShareOfInterval()));
    }
    // The node's serializer settings already compress a large table (telemetry-node.conf), and the
    // replicator sends on Artery's large-message lane: its frame is the limit that counts.
    lines.add(String.format(Locale.ROOT, "target table: %,d bytes as sent (Jackson CBOR with the node's compression);"
        + " the replicator's large-message lane carries up to %,d bytes: the table %s", last.tableBytes(),
        f.largeFrameBytes(), fits(last.tableBytes(), f.largeFrameBytes())));
    return lines;
  }

  public static void writeJson(Figures figures, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JSON.writeValue(file.toFile(), figures);
  }

  private static String fits(long bytes, long frame) {
    return bytes <= frame ? "fits" : "does NOT fit";
  }

  private static String progress(int r, int total, boolean warmup, Round x) {
    return String.format(Locale.ROOT, "round %d/%d%s: load %.1f ms, select %.1f ms, diff %.1f ms, table %.1f ms, encode"
        + " %.1f ms (%,d bytes), refresh %.1f ms; %,d targets, diff +%d -%d ~%d", r, total, warmup ? " (warm-up)" : "",
        x.loadMs(), x.selectMs(), x.diffMs(), x.tableMs(), x.encodeMs(), x.tableBytes(), x.refreshMs(), x.targets(),
        x.added(), x.removed(), x.changed());
  }

  private static List<Stage> stages(List<Round> rounds, Duration interval) {
    List<Stage> stages = new ArrayList<>();
    stages.add(stage("1 load (file source)", rounds.stream().map(Round::loadMs).toList(), interval));
    stages.add(stage("2 select (policies)", rounds.stream().map(Round::selectMs).toList(), interval));
    stages.add(stage("3 diff", rounds.stream().map(Round::diffMs).toList(), interval));
    stages.add(stage("4 table build (placement)", rounds.stream().map(Round::tableMs).toList(), interval));
    stages.add(stage("5 table encode (CBOR)", rounds.stream().map(Round::encodeMs).toList(), interval));
    stages.add(stage("6 refresher end to end", rounds.stream().map(Round::refreshMs).toList(), interval));
    return stages;
  }

  private static Stage stage(String name, List<Double> millis, Duration interval) {
    List<Double> sorted = millis.stream().sorted().toList();
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stage(name, sorted.get(0), median, sorted.get(n - 1), median / interval.toMillis());
  }

  /**
   * The node settings the bench runs with: the generated file source and policies, one credential
   * set for the NETCONF policies, and a local (non-cluster) actor system with the node's serializers.
   */
  static Config nodeConfig(Path file, int policies) {
    Config overrides = ConfigFactory.parseString(
        "pekko.actor.provider = local\n"
            + "pekko.loglevel = WARNING\n"
            + "telemetry.inventory.credentials.core { username = bench, password = bench }\n"
            + "telemetry.inventory.policies = " + SyntheticInventory.policies(policies) + "\n")
        .withValue("telemetry.inventory.sources", ConfigValueFactory.fromIterable(List.of(
            Map.of("type", "file", "path", file.toString()))));
    return TelemetryConfig.load(Optional.empty(), overrides);
  }

  /**
   * The table the coordinator publishes for these inventory resources (InventoryCoordinator.build,
   * without config targets and run-time changes): one entry per selected resource, placed stably
   * on the previous table's shards, sorted by id. Weight 1: the generated resources name none.
   */
  static TargetTable table(TargetTable previous, List<Resource> resources, int numberOfShards) {
    Map<String, Integer> weights = new HashMap<>();
    resources.forEach(r -> weights.put(r.id(), 1));
    WeightedShards placement = WeightedShards.place(previous.shards(), weights, numberOfShards);
    List<TargetTable.Entry> entries = new ArrayList<>(resources.size());
    for (Resource r : resources) {
      entries.add(new TargetTable.Entry(r.id(), TargetTable.INVENTORY, r.host(),
          r.port().isPresent() ? r.port().getAsInt() : null, r.attributes(), placement.shardId(r.id()), 1));
    }
    entries.sort(Comparator.comparing(TargetTable.Entry::id));
    return new TargetTable(previous.version() + 1, entries, Map.of(), "");
  }

  /** The resources the selection made targets of, as the refresher hands them on. */
  private static List<Resource> selected(List<Resource> resources, TargetPolicy.Selection selection) {
    Set<String> ids = new HashSet<>();
    selection.targets().forEach(t -> ids.add(t.id()));
    return resources.stream().filter(r -> ids.contains(r.id())).toList();
  }

  /** A diff's target ids: added, removed, changed. */
  private static List<List<String>> ids(InventoryDiff diff) {
    return List.of(diff.added().stream().map(Target::id).toList(), diff.removed().stream().map(Target::id).toList(),
        diff.changed().stream().map(c -> c.after().id()).toList());
  }

  private static Behavior<InventoryRefresher.Updated> listener(BlockingQueue<Arrival> arrivals) {
    return Behaviors.receiveMessage(update -> {
      arrivals.add(new Arrival(update, System.nanoTime()));
      return Behaviors.same();
    });
  }

  private Arrival next(BlockingQueue<Arrival> arrivals, String what) throws InterruptedException {
    Arrival arrival = arrivals.poll(settings.refreshTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (arrival == null) {
      throw new IllegalStateException("inventory refresher (" + settings.workDir() + "): no update within "
          + settings.refreshTimeout() + " for " + what + " (see the log)");
    }
    return arrival;
  }

  private static int gzipped(byte[] bytes) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
      gzip.write(bytes);
    }
    return buffer.size();
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String jvm() {
    return "Java " + System.getProperty("java.version") + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
  }
}
