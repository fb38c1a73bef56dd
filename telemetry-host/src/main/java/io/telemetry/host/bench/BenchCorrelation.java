package io.telemetry.host.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.rule.Evidence;
import io.telemetry.correlation.runtime.CorrelationMetrics;
import io.telemetry.correlation.runtime.CorrelationService;
import io.telemetry.correlation.runtime.CorrelationSettings;
import io.telemetry.correlation.runtime.RuleDefinition;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.demo.EventFeed;
import io.telemetry.host.demo.InProcessCorrelation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bench's correlation column: one instance of each of {@link #RULES} in the node's JVM (an
 * actor system of its own), reading the fleet's metric topics while the simulator's chaos flaps
 * and fails links. It measures, per rule instance, records consumed and evaluated
 * ({@link CorrelationService#metrics()}), records written to its inputs (the topics' end
 * offsets), its consumer group's lag at the end, and the latency of its raised events: the event
 * record's timestamp (the producer's wall clock at publication) minus the sample time of the
 * newest evidence record, and the same to the moment a read_committed consumer here saw it.
 *
 * <p>Cleared events are counted but left out of the latency: an interface-flap clears on a timer
 * ({@code quiet} after the last change, in event time), so its newest evidence is minutes older
 * than its publication by design.
 */
final class BenchCorrelation implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BenchCorrelation.class);
  /** interface-flap raises on the record completing a flap; link-failure waits for the watermark. */
  static final List<String> RULES = List.of("interface-flap", "link-failure");
  /** Three significant digits, up to an hour in milliseconds. */
  private static final long MAX_MILLIS = 3_600_000;

  private final InProcessCorrelation correlation;
  private final EventFeed feed;
  private final Admin admin;
  private final Map<String, String> groups = new LinkedHashMap<>();
  private final Map<String, List<String>> inputs = new LinkedHashMap<>();
  private final Map<String, String> types = new LinkedHashMap<>();
  // Written on the feed's thread, read after it has stopped (close() joins it).
  private final Map<String, Histogram> published = new HashMap<>();
  private final Map<String, Histogram> seen = new HashMap<>();
  private final Map<String, long[]> eventCounts = new HashMap<>(); // raised, cleared in the window
  private volatile boolean measuring;
  private boolean closed;

  private BenchCorrelation(InProcessCorrelation correlation, Config root, String bootstrap) {
    this.correlation = correlation;
    CorrelationSettings settings = CorrelationSettings.from(root);
    for (String rule : RULES) {
      RuleDefinition definition = RuleDefinition.load(root, settings, rule);
      groups.put(rule, settings.topics().groupId(rule));
      inputs.put(rule, definition.inputs());
      types.put(rule, definition.instance().type());
      published.put(rule, new Histogram(MAX_MILLIS, 3));
      seen.put(rule, new Histogram(MAX_MILLIS, 3));
      eventCounts.put(rule, new long[2]);
    }
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    this.feed = EventFeed.start(bootstrap, correlation.eventTopics(), this::onEvent,
        problem -> log.warn("bench: {}", problem));
  }

  /**
   * Starts the rule instances against the broker; {@code nodeConfig}'s {@code telemetry.correlation}
   * (from {@code --config}) may tune the runtime (lateness, parallelism, ...).
   */
  static BenchCorrelation start(EmbeddedKafka broker, Config nodeConfig) {
    Config root = ConfigFactory.parseString("""
        telemetry.correlation {
          bootstrap-servers = "%s"
          instance-id = bench
          rules {
            interface-flap { type = interface-flap }
            link-failure { type = link-failure }
          }
        }
        """.formatted(broker.bootstrapServers())).withFallback(nodeConfig).resolve();
    InProcessCorrelation correlation = InProcessCorrelation.start(broker, root, RULES);
    try {
      return new BenchCorrelation(correlation, root, broker.bootstrapServers());
    } catch (RuntimeException e) {
      correlation.close();
      throw e;
    }
  }

  /** From now on events count toward the figures (the end of the warm-up). */
  void startWindow() {
    measuring = true;
  }

  /** Events from now on no longer count (the end of the run). */
  void endWindow() {
    measuring = false;
  }

  private void onEvent(ConsumerRecord<String, byte[]> record, CorrelatedEvent event) {
    long seenAt = System.currentTimeMillis();
    if (!measuring || !published.containsKey(event.rule())) {
      return;
    }
    long[] counts = eventCounts.get(event.rule());
    if (event.state() == EventState.CLEARED) {
      counts[1]++;
      return;
    }
    counts[0]++;
    long newest = event.evidence().stream().map(Evidence::time).max(Instant::compareTo)
        .map(Instant::toEpochMilli).orElse(record.timestamp());
    published.get(event.rule()).recordValue(clamp(record.timestamp() - newest));
    seen.get(event.rule()).recordValue(clamp(seenAt - newest));
  }

  private static long clamp(long millis) {
    return Math.max(0, Math.min(MAX_MILLIS, millis));
  }

  /** What is read at the end of the warm-up and at the end of the run. */
  record Snapshot(long nanos, Map<String, CorrelationMetrics.Snapshot> metrics, Map<String, Long> written) {}

  Snapshot snapshot() {
    Map<String, CorrelationMetrics.Snapshot> metrics = new LinkedHashMap<>();
    for (CorrelationService service : correlation.services()) {
      metrics.put(service.rule(), service.metrics());
    }
    Map<String, Long> written = new LinkedHashMap<>();
    inputs.forEach((rule, topics) -> written.put(rule, endOffsets(topics).values().stream().mapToLong(l -> l).sum()));
    return new Snapshot(System.nanoTime(), metrics, written);
  }

  /** Per rule: records written to its inputs not yet committed by its group. */
  Map<String, Long> lag() {
    Map<String, Long> lags = new LinkedHashMap<>();
    inputs.forEach((rule, topics) -> {
      Map<TopicPartition, Long> ends = endOffsets(topics);
      Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(groups.get(rule))
          .partitionsToOffsetAndMetadata(), "the committed offsets of group " + groups.get(rule));
      long lag = 0;
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        lag += end.getValue() - (done == null ? 0 : done.offset());
      }
      lags.put(rule, lag);
    });
    return lags;
  }

  private Map<TopicPartition, Long> endOffsets(List<String> topics) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    Map<String, org.apache.kafka.clients.admin.TopicDescription> described =
        get(admin.describeTopics(topics).allTopicNames(), "the partitions of " + topics);
    described.values().forEach(d -> d.partitions().forEach(p ->
        request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        get(admin.listOffsets(request).all(), "the end offsets of " + topics);
    Map<TopicPartition, Long> out = new HashMap<>();
    ends.forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bench: interrupted reading " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("bench: cannot read " + what + ": " + e, e);
    }
  }

  /** The figures, once {@link #close()} has stopped the feed. */
  List<BenchFigures.CorrelationRule> figures(Snapshot warm, Snapshot end, Map<String, Long> lagAtEnd) {
    double seconds = (end.nanos() - warm.nanos()) / 1e9;
    List<BenchFigures.CorrelationRule> out = new ArrayList<>();
    for (String rule : RULES) {
      CorrelationMetrics.Snapshot w = warm.metrics().get(rule);
      CorrelationMetrics.Snapshot e = end.metrics().get(rule);
      long consumed = e.consumed() - w.consumed();
      long evaluated = e.evaluated() - w.evaluated();
      long written = end.written().get(rule) - warm.written().get(rule);
      long[] counts = eventCounts.get(rule);
      out.add(new BenchFigures.CorrelationRule(rule, types.get(rule), inputs.get(rule),
          BenchFigures.perSecond(written, seconds), BenchFigures.perSecond(consumed, seconds),
          BenchFigures.perSecond(evaluated, seconds), written, consumed, evaluated,
          e.skipped() - w.skipped(), e.lateTotal() - w.lateTotal(), e.malformedTotal() - w.malformedTotal(),
          lagAtEnd.get(rule), counts[0], counts[1],
          BenchFigures.latency(published.get(rule)), BenchFigures.latency(seen.get(rule))));
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    feed.close();
    admin.close();
    correlation.close();
  }
}
