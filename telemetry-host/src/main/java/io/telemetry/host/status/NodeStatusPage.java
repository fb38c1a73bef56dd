package io.telemetry.host.status;

import com.typesafe.config.Config;
import io.telemetry.pipeline.PipelineMetrics;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * Starts what a node needs for the status page: its {@link NodeStatusReporter} and, unless
 * switched off, the {@link EventTopicReader} feeding it; the reader stops with the node. The
 * page itself is served by {@link StatusRoutes} on the management HTTP port.
 */
public final class NodeStatusPage {

  private NodeStatusPage() {}

  /** @param config the node's whole config */
  public static void start(ActorSystem<?> system, String nodeId, PipelineMetrics metrics, Config config) {
    StatusSettings settings = StatusSettings.fromConfig(config.getConfig("telemetry.status"));
    ActorRef<NodeStatusReporter.Command> reporter = system.systemActorOf(
        NodeStatusReporter.create(nodeId, metrics, settings), "status-reporter", Props.empty());
    if (!settings.events() || settings.eventsKept() == 0) {
      return;
    }
    EventTopicReader reader = EventTopicReader.start(config.getString("telemetry.kafka.bootstrap-servers"),
        config.getString("telemetry.correlation.event-topic-pattern"), nodeId, settings.eventsKept(),
        settings.topicDiscovery(), events -> reporter.tell(new NodeStatusReporter.EventsRead(events)));
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "stop-status-event-reader", () -> {
          reader.close();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }
}
