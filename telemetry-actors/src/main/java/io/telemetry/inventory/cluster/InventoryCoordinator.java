package io.telemetry.inventory.cluster;

import io.telemetry.cluster.WeightedShards;
import io.telemetry.device.RateStore;
import io.telemetry.inventory.InventoryRefresher;
import io.telemetry.inventory.Resource;
import io.telemetry.inventory.TargetPolicy;
import io.telemetry.inventory.discover.Discovery;
import io.telemetry.inventory.source.ResourceSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * The one writer of the cluster's {@link TargetTable}; runs as a cluster singleton on a collector.
 * It refreshes the inventory ({@link InventoryRefresher}: sources, discovery, policies), adds the
 * {@code telemetry.targets} entries and the run-time overlay ({@link InventoryKeys#OVERLAY}),
 * places the targets in shards and publishes the table whenever something changed.
 *
 * <p>The placement is stable: a target keeps its shard for as long as it exists, new targets go to
 * the lightest shard by weight, removed ones free theirs, so a change moves no other device. A
 * coordinator that takes over (the old one's node left or died) continues from the published table
 * and the overlay, read from its local replica before it publishes anything.
 */
public final class InventoryCoordinator {

  public sealed interface Command {}

  private record PreviousTable(TargetTable table) implements Command {}

  private record OverlayRead(Map<String, OverlayEntry> overlay) implements Command {}

  private record OverlayChanged(Map<String, OverlayEntry> overlay) implements Command {}

  private record InventoryUpdated(InventoryRefresher.Updated update) implements Command {}

  private enum StatusTick implements Command { INSTANCE }

  private record InventoryStatus(InventoryRefresher.Status status) implements Command {}

  private record Written(long version, String outcome) implements Command {}

  /**
   * What the coordinator works with.
   *
   * @param configTargets the {@code telemetry.targets} entries (resources with their labels) by id, in order
   * @param configWeights their weights
   * @param writeTimeout  how long a majority write may take before it counts as local only
   */
  public record Settings(ResourceSource source, Optional<Discovery> discovery, TargetPolicy policy,
      Duration refreshInterval, List<Resource> configTargets, Map<String, Integer> configWeights, int numberOfShards,
      Duration writeTimeout, RateStore rates) {}

  private final ActorContext<Command> context;
  private final Settings settings;
  private final ActorRef<Replicator.Command> replicator;
  private final SelfUniqueAddress self;

  private TargetTable table;
  /** The inventory's selected resources; until the first load, those of the table taken over. */
  private List<Resource> inventory = List.of();
  private Map<String, OverlayEntry> overlay = Map.of();
  private String inventoryError = "";
  private ActorRef<InventoryRefresher.Command> refresher;

  private InventoryCoordinator(ActorContext<Command> context, Settings settings) {
    this.context = context;
    this.settings = settings;
    this.replicator = DistributedData.get(context.getSystem()).replicator();
    this.self = DistributedData.get(context.getSystem()).selfUniqueAddress();
  }

  public static Behavior<Command> create(Settings settings) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new InventoryCoordinator(context, settings).start(timers)));
  }

  private Behavior<Command> start(TimerScheduler<Command> timers) {
    context.<Replicator.Command, Replicator.GetResponse<LWWRegister<TargetTable>>>ask(type(Replicator.GetResponse.class),
        replicator, settings.writeTimeout(),
        replyTo -> new Replicator.Get<>(InventoryKeys.TABLE, Replicator.readLocal(), replyTo),
        (response, error) -> new PreviousTable(response instanceof Replicator.GetSuccess<LWWRegister<TargetTable>> found
            ? found.get(InventoryKeys.TABLE).getValue()
            : TargetTable.EMPTY));
    return Behaviors.receive(Command.class)
        .onMessage(PreviousTable.class, previous -> {
          table = previous.table();
          inventory = table.entries().stream().filter(e -> e.origin().equals(TargetTable.INVENTORY))
              .map(TargetTable.Entry::resource).toList();
          context.<Replicator.Command, Replicator.GetResponse<LWWMap<String, OverlayEntry>>>ask(
              type(Replicator.GetResponse.class), replicator, settings.writeTimeout(),
              replyTo -> new Replicator.Get<>(InventoryKeys.OVERLAY, Replicator.readLocal(), replyTo),
              (response, error) -> new OverlayRead(response instanceof Replicator.GetSuccess<LWWMap<String, OverlayEntry>> found
                  ? Map.copyOf(found.get(InventoryKeys.OVERLAY).getEntries())
                  : Map.of()));
          return Behaviors.same();
        })
        .onMessage(OverlayRead.class, read -> {
          overlay = read.overlay();
          context.getLog().info("inventory coordinator: taking over table version {} ({} targets, {} run-time changes)",
              table.version(), table.entries().size(), overlay.size());
          subscribe();
          refresher = context.spawn(InventoryRefresher.create(settings.source(), settings.discovery(), settings.policy(),
              settings.refreshInterval(), context.messageAdapter(InventoryRefresher.Updated.class, InventoryUpdated::new)),
              "inventory-refresher");
          timers.startTimerWithFixedDelay(StatusTick.INSTANCE, settings.refreshInterval());
          publishIfChanged();
          return running();
        })
        .build();
  }

  private void subscribe() {
    ActorRef<Replicator.SubscribeResponse<LWWMap<String, OverlayEntry>>> adapter = context.messageAdapter(
        type(Replicator.SubscribeResponse.class),
        response -> response instanceof Replicator.Changed<LWWMap<String, OverlayEntry>> changed
            ? new OverlayChanged(Map.copyOf(changed.get(InventoryKeys.OVERLAY).getEntries()))
            : new OverlayChanged(Map.of()));
    replicator.tell(new Replicator.Subscribe<>(InventoryKeys.OVERLAY, adapter));
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(InventoryUpdated.class, updated -> {
          inventory = updated.update().resources();
          inventoryError = "";
          publishIfChanged();
          return Behaviors.same();
        })
        .onMessage(OverlayChanged.class, changed -> {
          overlay = changed.overlay();
          publishIfChanged();
          return Behaviors.same();
        })
        .onMessageEquals(StatusTick.INSTANCE, () -> {
          context.ask(InventoryRefresher.Status.class, refresher, settings.writeTimeout(), InventoryRefresher.GetStatus::new,
              (status, error) -> new InventoryStatus(status)); // null when the refresher did not answer
          return Behaviors.same();
        })
        .onMessage(InventoryStatus.class, status -> {
          if (status.status() == null) {
            return Behaviors.same();
          }
          String error = status.status().lastError().orElse("");
          if (!error.equals(inventoryError)) {
            inventoryError = error;
            publishIfChanged();
          }
          return Behaviors.same();
        })
        .onMessage(Written.class, written -> {
          context.getLog().info("inventory coordinator: table version {} {}", written.version(), written.outcome());
          return Behaviors.same();
        })
        .onMessage(PreviousTable.class, m -> Behaviors.same())
        .onMessage(OverlayRead.class, m -> Behaviors.same())
        .build();
  }

  private void publishIfChanged() {
    TargetTable next = build();
    if (next.sameTargets(table) && next.inventory().equals(table.inventory()) && table.version() > 0) {
      return;
    }
    Set<String> before = table.shards().keySet();
    Set<String> after = next.shards().keySet();
    table = next;
    context.getLog().info("inventory coordinator: publishing table version {}: {} targets, {} rejected{}",
        next.version(), next.entries().size(), next.rejected().size(),
        next.inventory().isEmpty() ? "" : "; inventory refresh failing: " + next.inventory());
    long version = next.version();
    ActorRef<Replicator.UpdateResponse<LWWRegister<TargetTable>>> written = context.messageAdapter(
        type(Replicator.UpdateResponse.class), response -> new Written(version, response instanceof Replicator.UpdateSuccess<?>
                ? "written to a majority of nodes"
                : response instanceof Replicator.UpdateTimeout<?>
                    ? "written locally; a majority did not confirm within " + settings.writeTimeout() + ", gossip spreads it"
                    : "not written: " + response));
    replicator.tell(new Replicator.Update<>(InventoryKeys.TABLE, LWWRegister.create(self, TargetTable.EMPTY),
        new Replicator.WriteMajority(settings.writeTimeout()), written, register -> register.withValue(self, next)));
    before.stream().filter(id -> !after.contains(id)).forEach(settings.rates()::forget);
  }

  /** The table from the config targets, the inventory and the overlay, placed stably on the current table. */
  private TargetTable build() {
    Map<String, TargetTable.Entry> entries = new LinkedHashMap<>();
    Map<String, String> rejected = new TreeMap<>();
    for (Resource resource : settings.configTargets()) {
      entries.put(resource.id(), TargetTable.Entry.of(resource, TargetTable.CONFIG, "",
          settings.configWeights().getOrDefault(resource.id(), 1)));
    }
    for (Resource resource : inventory) {
      if (entries.containsKey(resource.id())) {
        rejected.put(resource.id(), "target \"" + resource.id() + "\" of the inventory: telemetry.targets has the same"
            + " id, which wins");
      } else {
        entries.put(resource.id(), TargetTable.Entry.of(resource, TargetTable.INVENTORY, "", weight(resource)));
      }
    }
    new TreeMap<>(overlay).forEach((id, change) -> {
      if (change.removed()) {
        entries.remove(id);
        return;
      }
      Resource resource = change.resource(id);
      try {
        if (settings.policy().apply(resource).isEmpty()) {
          rejected.put(id, "target \"" + id + "\" (added at run time): no policy of telemetry.inventory.policies"
              + " selects it");
          return;
        }
      } catch (IllegalArgumentException e) {
        rejected.put(id, e.getMessage() + " (added at run time)");
        return;
      }
      entries.put(id, TargetTable.Entry.of(resource, TargetTable.RUNTIME, "", weight(resource)));
    });
    Map<String, Integer> weights = new HashMap<>();
    entries.values().forEach(e -> weights.put(e.id(), e.weight()));
    WeightedShards placement = WeightedShards.place(table.shards(), weights, settings.numberOfShards());
    List<TargetTable.Entry> placed = new ArrayList<>();
    entries.values().forEach(e -> placed.add(e.withShard(placement.shardId(e.id()))));
    placed.sort(Comparator.comparing(TargetTable.Entry::id));
    return new TargetTable(table.version() + 1, placed, rejected, inventoryError);
  }

  /** A generic class token (Java has no literal for {@code GetResponse<LWWMap<..>>.class}). */
  @SuppressWarnings("unchecked")
  static <T> Class<T> type(Class<?> raw) {
    return (Class<T>) raw;
  }

  /** A resource's {@code weight} attribute, if it is a whole number 1..1000000; else 1. */
  static int weight(Resource resource) {
    String text = resource.attributes().get("weight");
    if (text == null) {
      return 1;
    }
    try {
      int weight = Integer.parseInt(text.trim());
      return weight >= 1 && weight <= 1_000_000 ? weight : 1;
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
