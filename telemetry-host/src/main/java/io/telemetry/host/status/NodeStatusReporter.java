package io.telemetry.host.status;

import io.telemetry.device.CborSerializable;
import io.telemetry.device.DeviceActor;
import io.telemetry.device.DeviceActor.DeviceStatus;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.SinkCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Reports this node for the status page: its device entities (asked through sharding for
 * {@link DeviceActor.GetStatus}, the entity ids coming from the local shard region's state), the
 * per-device and per-sink counters of {@link PipelineMetrics}, and the latest correlated events
 * (fed by an {@link EventTopicReader}). Registered with the receptionist under {@link #KEY}, so
 * that any node can ask every node: that is how a page shows the whole cluster.
 */
public final class NodeStatusReporter extends AbstractBehavior<NodeStatusReporter.Command> {

  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "telemetry-node-status");

  public sealed interface Command {}

  /** Answers this node's {@link LocalStatus}. */
  public record GetLocalStatus(ActorRef<LocalStatus> replyTo) implements Command, CborSerializable {}

  /** Events the event reader decoded, oldest first. */
  record EventsRead(List<LocalStatus.Event> events) implements Command {}

  private record DevicesAnswered(ActorRef<LocalStatus> replyTo, List<DeviceStatus> devices, List<String> problems)
      implements Command {}

  private final String nodeId;
  private final PipelineMetrics metrics;
  private final Duration askTimeout;
  private final DeviceHealth health;
  private final EventRing events;

  public static Behavior<Command> create(String nodeId, PipelineMetrics metrics, StatusSettings settings) {
    return Behaviors.setup(context -> {
      context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
      return new NodeStatusReporter(context, nodeId, metrics, settings);
    });
  }

  private NodeStatusReporter(ActorContext<Command> context, String nodeId, PipelineMetrics metrics,
      StatusSettings settings) {
    super(context);
    this.nodeId = nodeId;
    this.metrics = metrics;
    this.askTimeout = settings.askTimeout();
    this.health = new DeviceHealth(settings.deferredWindow());
    this.events = new EventRing(settings.eventsKept());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetLocalStatus.class, this::onGet)
        .onMessage(DevicesAnswered.class, this::onDevicesAnswered)
        .onMessage(EventsRead.class, read -> {
          read.events().forEach(events::add);
          return this;
        })
        .build();
  }

  private Behavior<Command> onGet(GetLocalStatus get) {
    getContext().pipeToSelf(askDevices(), (answer, failure) -> failure == null
        ? new DevicesAnswered(get.replyTo(), answer.devices(), answer.problems())
        : new DevicesAnswered(get.replyTo(), List.of(), List.of("node " + nodeId + ": " + failure)));
    return this;
  }

  private record Answer(List<DeviceStatus> devices, List<String> problems) {}

  /** The local region's entity ids, then each entity's status; what does not answer in time is a problem. */
  private CompletionStage<Answer> askDevices() {
    ClusterSharding sharding = ClusterSharding.get(getContext().getSystem());
    CompletionStage<CurrentShardRegionState> region = AskPattern.ask(sharding.shardState(),
        replyTo -> new GetShardRegionState(DeviceActor.ENTITY_TYPE, replyTo), askTimeout,
        getContext().getSystem().scheduler());
    return region.handle((state, failure) -> state).thenCompose(state -> {
      if (state == null) {
        return CompletableFuture.completedFuture(new Answer(List.of(), List.of("node " + nodeId
            + ": the device shard region did not answer GetShardRegionState within " + askTimeout)));
      }
      Set<String> ids = new TreeSet<>();
      state.getShards().forEach(shard -> ids.addAll(shard.getEntityIds()));
      List<CompletableFuture<Object>> asks = new ArrayList<>();
      for (String id : ids) {
        asks.add(sharding.entityRefFor(DeviceActor.ENTITY_TYPE, id)
            .<DeviceStatus>ask(DeviceActor.GetStatus::new, askTimeout)
            .handle((status, error) -> status != null ? (Object) status
                : "device " + id + ": GetStatus got no answer within " + askTimeout + " on node " + nodeId)
            .toCompletableFuture());
      }
      return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(done -> {
        List<DeviceStatus> devices = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        asks.forEach(a -> {
          Object result = a.join();
          if (result instanceof DeviceStatus status) {
            devices.add(status);
          } else {
            problems.add((String) result);
          }
        });
        return new Answer(devices, problems);
      });
    });
  }

  private Behavior<Command> onDevicesAnswered(DevicesAnswered answered) {
    Instant now = Instant.now();
    List<LocalStatus.Device> devices = new ArrayList<>();
    Set<String> ids = new TreeSet<>();
    for (DeviceStatus d : answered.devices()) {
      ids.add(d.id());
      PipelineMetrics.DeviceCounts counts = metrics.device(d.id(), false);
      String status = health.status(d.id(), d.lastError().isPresent(), d.lastPoll().isPresent(), counts.deferrals(), now);
      devices.add(new LocalStatus.Device(d.id(), d.node(), status, d.state().name(),
          d.lastPoll().map(Instant::toString).orElse(null),
          d.lastPollDuration().map(t -> t.toNanos() / 1e6).orElse(null),
          d.lastError().orElse(null), counts.polls(), counts.deliveredSamples(), counts.errors(), counts.deferrals()));
    }
    health.retain(ids);
    devices.sort(Comparator.comparing(LocalStatus.Device::id));
    answered.replyTo().tell(new LocalStatus(nodeId, Cluster.get(getContext().getSystem()).selfMember().address().toString(),
        now.toString(), devices, sinks(), events.newestFirst(), answered.problems()));
    return this;
  }

  private List<LocalStatus.Sink> sinks() {
    List<LocalStatus.Sink> sinks = new ArrayList<>();
    for (Map.Entry<String, SinkCounters.Snapshot> e : metrics.sinks().entrySet()) {
      SinkCounters.Snapshot s = e.getValue();
      sinks.add(new LocalStatus.Sink(e.getKey(), s.bufferDepth(), s.writtenSamples(), s.failedSamples(), s.retries(),
          s.droppedSamples(), s.rejectedPoints()));
    }
    return sinks;
  }
}
