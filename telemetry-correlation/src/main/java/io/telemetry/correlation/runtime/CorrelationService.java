package io.telemetry.correlation.runtime;

import com.typesafe.config.Config;
import io.telemetry.correlation.rule.KeyCorrelation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running rule instance in this process: its router actor, its partition tasks and its
 * exactly-once stream. If the stream fails (broker gone, producer fenced) every task is dropped and
 * the stream starts again after {@code restart-delay}, restoring from the changelog.
 *
 * <pre>{@code
 * CorrelationService service = CorrelationService.start(system, config, "uplink-flaps");
 * ...
 * service.stop().toCompletableFuture().join(); // drains, commits the last transaction
 * }</pre>
 */
public final class CorrelationService {

  private static final Logger LOG = LoggerFactory.getLogger(CorrelationService.class);

  private final ActorSystem<?> system;
  private final CorrelationSettings settings;
  private final RuleDefinition rule;
  private final String transactionalId;
  private final ActorRef<CorrelationRouter.Command> router;
  private final CorrelationMetrics metrics;
  private final Executor blocking;
  private final AtomicReference<Consumer.DrainingControl<Done>> control = new AtomicReference<>();
  private final Cancellable metricsLog;
  private volatile boolean stopping;
  private volatile CompletionStage<Done> stopped;

  private CorrelationService(ActorSystem<?> system, CorrelationSettings settings, RuleDefinition rule,
      int partitions) {
    this.system = system;
    this.settings = settings;
    this.rule = rule;
    this.transactionalId = "telemetry-correlation-" + rule.name() + "-" + settings.instanceId();
    this.metrics = new CorrelationMetrics(rule.name());
    this.blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("telemetry-blocking-io-dispatcher"));
    TaskContext context = new TaskContext(rule.name(), rule.instance().correlation(),
        settings.topics().changelogTopic(rule.name()), rule.inputs(), settings.lateness(), settings.inputIdle(),
        new EventRecords(settings.topics().eventTopic(rule.name()), new EventJsonCodec(), settings.instanceId()),
        metrics, settings);
    this.router = system.systemActorOf(CorrelationRouter.create(context),
        "correlation-" + rule.name() + "-" + System.nanoTime(), Props.empty());
    this.metricsLog = system.scheduler().scheduleAtFixedRate(settings.metricsLogInterval(),
        settings.metricsLogInterval(), new MetricsLogLine(metrics, LOG), system.executionContext());
    LOG.info("rule {} ({}): instance {} reads {} ({} partitions), writes {}, changelog {}", rule.name(),
        rule.instance().type(), settings.instanceId(), rule.inputs(), partitions,
        settings.topics().eventTopic(rule.name()), settings.topics().changelogTopic(rule.name()));
  }

  /**
   * Starts one rule instance of {@code config} (a resolved root config with
   * {@code telemetry.correlation}). Blocks while it checks and creates topics and fences a previous
   * run of this instance; call it off actor threads.
   *
   * @throws com.typesafe.config.ConfigException naming the setting when the rule's configuration is wrong
   * @throws IllegalStateException naming the topics when they are missing or not co-partitioned
   */
  public static CorrelationService start(ActorSystem<?> system, Config config, String ruleName) {
    CorrelationSettings settings = CorrelationSettings.from(config);
    RuleDefinition rule = RuleDefinition.load(config, settings, ruleName);
    int partitions = TopicAdmin.prepare(settings, rule);
    CorrelationService service = new CorrelationService(system, settings, rule, partitions);
    TransactionFence.fence(settings, service.transactionalId);
    service.runStream();
    return service;
  }

  public String rule() {
    return rule.name();
  }

  public String transactionalId() {
    return transactionalId;
  }

  /** The rule's consumer group: shared by its instances in every process, which split the partitions. */
  public String groupId() {
    return settings.topics().groupId(rule.name());
  }

  /** The rule's input topics. */
  public java.util.List<String> inputs() {
    return rule.inputs();
  }

  /** Properties for an Admin client of the rule's Kafka cluster. */
  java.util.Map<String, Object> adminProperties() {
    return KafkaClientProperties.base(settings);
  }

  public CorrelationMetrics.Snapshot metrics() {
    return metrics.snapshot();
  }

  /**
   * The Kafka consumer's metrics of the running stream (e.g. {@code records-lag} per partition in
   * group {@code consumer-fetch-manager-metrics}); empty while the stream restarts.
   */
  public CompletionStage<java.util.Map<org.apache.kafka.common.MetricName, org.apache.kafka.common.Metric>> consumerMetrics() {
    Consumer.DrainingControl<Done> running = control.get();
    return running == null ? CompletableFuture.completedFuture(java.util.Map.of()) : running.getMetrics();
  }

  /** The rule's per-key logic (for tools that need its state type). */
  public KeyCorrelation<?> correlation() {
    return rule.instance().correlation();
  }

  /**
   * Stops consuming, lets in-flight records finish, commits the last transaction and stops the
   * actors. Idempotent.
   */
  public synchronized CompletionStage<Done> stop() {
    if (stopped != null) {
      return stopped;
    }
    stopping = true;
    metricsLog.cancel();
    Consumer.DrainingControl<Done> running = control.get();
    CompletionStage<Done> drained = running == null
        ? CompletableFuture.completedFuture(Done.getInstance())
        : running.drainAndShutdown(system.executionContext()).exceptionally(e -> {
          LOG.warn("rule {}: stream ended with {} while stopping", rule.name(), e.toString());
          return Done.getInstance();
        });
    stopped = drained.thenApply(done -> {
      router.tell(new CorrelationRouter.Stop());
      LOG.info("stopped: {}", metrics.snapshot().line());
      return done;
    });
    return stopped;
  }

  private void runStream() {
    Consumer.DrainingControl<Done> running =
        CorrelationStream.run(system, settings, rule, transactionalId, router, metrics);
    control.set(running);
    running.streamCompletion().whenComplete((done, failure) -> {
      if (stopping) {
        return;
      }
      Duration delay = settings.restartDelay();
      LOG.error("rule {}: stream {}; restarting in {} from the committed state", rule.name(),
          failure == null ? "completed unexpectedly" : "failed: " + failure, delay, failure);
      router.tell(new CorrelationRouter.Reset());
      system.scheduler().scheduleOnce(delay, () -> CompletableFuture.runAsync(this::restart, blocking),
          system.executionContext());
    });
  }

  private synchronized void restart() {
    if (stopping) {
      return;
    }
    try {
      TransactionFence.fence(settings, transactionalId);
      runStream();
    } catch (RuntimeException e) {
      LOG.error("rule {}: restart failed ({}); trying again in {}", rule.name(), e.toString(), settings.restartDelay());
      system.scheduler().scheduleOnce(settings.restartDelay(), () -> CompletableFuture.runAsync(this::restart, blocking),
          system.executionContext());
    }
  }
}
