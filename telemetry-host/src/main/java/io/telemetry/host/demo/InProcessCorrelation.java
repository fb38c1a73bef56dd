package io.telemetry.host.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.runtime.CorrelationService;
import io.telemetry.correlation.runtime.CorrelationServices;
import io.telemetry.correlation.runtime.CorrelationSettings;
import io.telemetry.correlation.runtime.RuleDefinition;
import io.telemetry.host.broker.EmbeddedKafka;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlation rule instances running beside a node in this JVM (the demo, the bench), in an actor
 * system of their own (local, not part of the node's cluster), against the embedded broker. The
 * metric topics they read are created first, as a deployment would have them, so the rules can
 * start before the node's first records arrive.
 */
public final class InProcessCorrelation implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InProcessCorrelation.class);
  private static final long STOP_SECONDS = 60;

  private final ActorSystem<Void> system;
  private final CorrelationServices services;
  private final List<String> eventTopics;
  private final List<String> inputTopics;

  private InProcessCorrelation(ActorSystem<Void> system, CorrelationServices services, List<String> eventTopics,
      List<String> inputTopics) {
    this.system = system;
    this.services = services;
    this.eventTopics = eventTopics;
    this.inputTopics = inputTopics;
  }

  /**
   * Starts the named rule instances of {@code root} (a resolved config whose
   * {@code telemetry.correlation} names the broker), after creating their input topics with the
   * broker's partition count.
   */
  public static InProcessCorrelation start(EmbeddedKafka broker, Config root, List<String> rules) {
    CorrelationSettings settings = CorrelationSettings.from(root);
    Set<String> inputs = new LinkedHashSet<>();
    List<String> events = new ArrayList<>();
    for (String rule : rules) {
      inputs.addAll(RuleDefinition.load(root, settings, rule).inputs());
      events.add(settings.topics().eventTopic(rule));
    }
    broker.createTopics(inputs.toArray(String[]::new));
    // Local: the node's cluster settings (provider, artery port) are not for this system. Closing
    // a transactional source's consumer waits drain-timeout in its revoke handler (a connector
    // quirk, docs/correlation.md): no warning for that.
    Config systemConfig = ConfigFactory.parseString("""
        pekko.actor.provider = local
        pekko.coordinated-shutdown.phases.service-unbind.timeout = 60s
        pekko.kafka.consumer.partition-handler-warning = %ds
        """.formatted(settings.drainTimeout().toSeconds() + 10)).withFallback(root);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "telemetry-correlation", systemConfig);
    CorrelationServices services;
    try {
      services = CorrelationServices.start(system, root, rules);
    } catch (RuntimeException e) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      throw e;
    }
    // Ctrl-C runs coordinated shutdown from the JVM's hook: drain and commit before the actors stop.
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-correlation",
        () -> services.stop().thenApply(done -> Done.getInstance()));
    return new InProcessCorrelation(system, services, List.copyOf(events), List.copyOf(inputs));
  }

  public List<CorrelationService> services() {
    return services.services();
  }

  /** The event topics of the rule instances, in the order given to {@link #start}. */
  public List<String> eventTopics() {
    return eventTopics;
  }

  /** The metric topics the rule instances read. */
  public List<String> inputTopics() {
    return inputTopics;
  }

  /** Drains and commits every instance, then stops the actor system. */
  @Override
  public void close() {
    try {
      services.stop().toCompletableFuture().get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      log.warn("correlation: stopping the rule instances did not finish within {} s: {}", STOP_SECONDS, e.toString());
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      log.warn("correlation: the actor system did not stop within {} s: {}", STOP_SECONDS, e.toString());
    }
  }
}
