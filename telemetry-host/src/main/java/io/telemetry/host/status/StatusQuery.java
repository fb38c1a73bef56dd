package io.telemetry.host.status;

import io.telemetry.host.cluster.ClusterStatus;
import io.telemetry.host.cluster.ClusterStatusQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Assembles the status page's answer: the cluster ({@link ClusterStatusQuery}) and every node's
 * {@link LocalStatus}, asked of the {@link NodeStatusReporter}s the receptionist knows (over
 * Pekko remoting: no management addresses needed). A node that does not answer in time is named
 * in the problems; the others are shown.
 */
final class StatusQuery {

  /** When the node's reporter is not running (yet): the node is still starting, or has no pipeline. */
  static final class NotReady extends RuntimeException {
    NotReady(String message) {
      super(message);
    }
  }

  private final ActorSystem<?> system;
  private final ClusterStatusQuery cluster;
  private final Duration timeout;
  private final long refreshMillis;

  StatusQuery(ActorSystem<?> system, ClusterStatusQuery cluster, Duration timeout, Duration refresh) {
    this.system = system;
    this.cluster = cluster;
    this.timeout = timeout;
    this.refreshMillis = refresh.toMillis();
  }

  /** This node's own report. */
  CompletionStage<LocalStatus> local() {
    return reporters().thenCompose(refs -> {
      Optional<ActorRef<NodeStatusReporter.Command>> local = refs.stream()
          .filter(ref -> ref.path().address().hasLocalScope()).findFirst();
      if (local.isEmpty()) {
        throw new NotReady("this node's status reporter is not running yet (the node is starting)");
      }
      return ask(local.get());
    });
  }

  /** The whole page. */
  CompletionStage<PageStatus> page() {
    CompletionStage<ClusterStatus> members = cluster.current();
    CompletionStage<List<Object>> reports = reporters().thenCompose(refs -> {
      List<CompletableFuture<Object>> asks = new ArrayList<>();
      for (ActorRef<NodeStatusReporter.Command> ref : refs) {
        asks.add(ask(ref).handle((status, error) -> status != null ? (Object) status
            : "node at " + where(ref) + " did not answer its status within " + timeout).toCompletableFuture());
      }
      return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
          .thenApply(done -> asks.stream().map(CompletableFuture::join).toList());
    });
    return members.thenCombine(reports, this::assemble);
  }

  private PageStatus assemble(ClusterStatus members, List<Object> reports) {
    String self = Cluster.get(system).selfMember().address().toString();
    List<PageStatus.Node> nodes = new ArrayList<>();
    List<LocalStatus.Device> devices = new ArrayList<>();
    List<LocalStatus.Event> events = List.of();
    List<String> problems = new ArrayList<>();
    String nodeId = null;
    for (Object report : reports) {
      if (report instanceof LocalStatus local) {
        nodes.add(new PageStatus.Node(local.nodeId(), local.address(), local.at(), local.devices().size(), local.sinks()));
        devices.addAll(local.devices());
        problems.addAll(local.problems());
        if (local.address().equals(self)) {
          events = local.events();
          nodeId = local.nodeId();
        }
      } else {
        problems.add((String) report);
      }
    }
    nodes.sort(Comparator.comparing(PageStatus.Node::address));
    devices.sort(Comparator.comparing(LocalStatus.Device::id));
    return new PageStatus(self, nodeId, Instant.now().toString(), refreshMillis, members, nodes, devices, events,
        problems);
  }

  private CompletionStage<Set<ActorRef<NodeStatusReporter.Command>>> reporters() {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            replyTo -> Receptionist.find(NodeStatusReporter.KEY, replyTo), timeout, system.scheduler())
        .thenApply(listing -> listing.getServiceInstances(NodeStatusReporter.KEY));
  }

  private CompletionStage<LocalStatus> ask(ActorRef<NodeStatusReporter.Command> reporter) {
    // The reporter itself waits up to the timeout for its devices; allow for that and the way back.
    return AskPattern.ask(reporter, NodeStatusReporter.GetLocalStatus::new, timeout.multipliedBy(2),
        system.scheduler());
  }

  private String where(ActorRef<?> ref) {
    return ref.path().address().hasLocalScope() ? Cluster.get(system).selfMember().address().toString()
        : ref.path().address().toString();
  }
}
