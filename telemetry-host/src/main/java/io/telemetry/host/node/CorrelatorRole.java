package io.telemetry.host.node;

import io.telemetry.correlation.runtime.CorrelationMetricsSource;
import io.telemetry.selfmetrics.SelfMetrics;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.telemetry.correlation.runtime.CorrelationServices;
import io.telemetry.correlation.runtime.RuleDefinition;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What a node with the {@code correlator} role runs: every enabled rule instance of
 * {@code telemetry.correlation.rules}, on the node's actor system. Each instance is its own Kafka
 * consumer group, so the instances of a rule on several correlator nodes share the partitions.
 * Coordinated shutdown stops them (drain, commit the last transaction) in the
 * before-actor-system-terminate phase, beside the pipeline's drain: after the shard hand-off, so
 * that stopping the rules never delays the devices' move, and before the actor system terminates.
 */
final class CorrelatorRole {

  private static final String INSTANCE_ID = "telemetry.correlation.instance-id";

  private CorrelatorRole() {}

  /**
   * Starts the rules; {@code telemetry.correlation.instance-id} defaults to the node id. Without
   * any rule instance configured the role does nothing (logged); a rule that cannot start fails
   * the node's start.
   */
  static void start(ActorSystem<?> system, Config nodeConfig, String nodeId) {
    // Unset, the instance id would be the host name: shared by nodes on one host, whose
    // transactional producers would then fence each other. The node id is unique in the cluster.
    Config config = nodeConfig.getString(INSTANCE_ID).isBlank()
        ? nodeConfig.withValue(INSTANCE_ID, ConfigValueFactory.fromAnyRef(nodeId))
        : nodeConfig;
    if (RuleDefinition.names(config).isEmpty()) {
      system.log().warn("role correlator: {} lists no rule instance; this node correlates nothing",
          RuleDefinition.RULES_PATH);
      return;
    }
    CorrelationServices services = CorrelationServices.startAll(system, config);
    system.log().info("role correlator: started rule instances {}",
        services.services().stream().map(s -> s.rule()).toList());
    // Per-rule counts and consumer lag on this node's GET /metrics (and telemetry_internal).
    CorrelationMetricsSource metrics = new CorrelationMetricsSource(system, services.services());
    SelfMetrics.get(system).register(metrics);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "stop-correlation",
        () -> services.stop().whenComplete((done, failure) -> metrics.close()).thenApply(done -> Done.getInstance()));
  }
}
