package io.telemetry.collect.host;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.Collector;
import io.telemetry.collect.DeviceSession;
import io.telemetry.collect.PollResult;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads this node's TCP socket tables and socket owners from {@code /proc} and reports its
 * listening services and its upstream and downstream dependencies ({@link DependencyMap}), with
 * peers named by the inventory ({@link InventoryKeeper}), plus one {@code dependency_status}
 * sample about the collection itself. Needs no session. Not thread-safe: the device actor calls
 * it from one blocking-I/O thread at a time.
 */
public final class HostDependenciesCollector implements Collector {

  static final String STATUS = "dependency_status";

  private final Target target;
  private final HostDependenciesSettings settings;
  private final ByteOrder byteOrder;
  private final Clock clock;
  private final InventoryKeeper inventory;
  /** Changes with every collector instance, so that its status counters start a new series of rates. */
  private final String discontinuity;

  /**
   * @param byteOrder the byte order of the socket tables' address words ({@link ByteOrder#nativeOrder()})
   * @param clock     stamps the samples and schedules inventory refreshes
   */
  public HostDependenciesCollector(Target target, HostDependenciesSettings settings, ByteOrder byteOrder, Clock clock) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.byteOrder = Objects.requireNonNull(byteOrder, "byteOrder");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.inventory = new InventoryKeeper(target.id(), settings.inventory(), settings.inventoryRefresh(),
        target.timeout(), clock);
    this.discontinuity = "started=" + clock.instant();
  }

  @Override
  public void open(DeviceSession session) throws CollectException {
    Path tcp = tcpTable();
    if (!Files.isReadable(tcp)) {
      throw new CollectException(target.id(), CollectException.Kind.CONNECT,
          "cannot read " + tcp + " (setting proc = \"" + settings.proc() + "\")", false);
    }
  }

  @Override
  public PollResult poll(Instant pollStart) throws CollectException {
    AddressTable<HostInfo> names = inventory.current();
    List<TcpSocket> sockets = new ArrayList<>(read(tcpTable(), false, true));
    sockets.addAll(read(settings.proc().resolve("net").resolve("tcp6"), true, false));
    SocketOwners.Owners owners = owners(sockets);
    DependencyMap map = DependencyMap.of(sockets, owners.processByInode(), names::lookup, settings.includeLoopback());
    Instant time = clock.instant();
    List<Sample> samples = new ArrayList<>(DependencySamples.of(target.id(), time, map));
    samples.add(status(time, sockets.size(), owners.unreadableProcesses()));
    return new PollResult(samples, OptionalLong.empty());
  }

  @Override
  public void close() {
    // Nothing held between polls.
  }

  private Path tcpTable() {
    return settings.proc().resolve("net").resolve("tcp");
  }

  /** @param required false for tcp6, absent on kernels without IPv6 */
  private List<TcpSocket> read(Path table, boolean ipv6, boolean required) throws CollectException {
    String text;
    try {
      text = Files.readString(table, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      if (!required) {
        return List.of();
      }
      throw new CollectException(target.id(), CollectException.Kind.CONNECT, "cannot read " + table + ": no such file",
          false, e);
    } catch (IOException e) {
      throw new CollectException(target.id(), CollectException.Kind.CONNECT, "cannot read " + table + ": " + e,
          false, e);
    }
    try {
      return ProcNetTcp.parse(table.toString(), text, ipv6, byteOrder);
    } catch (ProcFormatException e) {
      throw new CollectException(target.id(), CollectException.Kind.MALFORMED_REPLY, e.getMessage(), false, e);
    }
  }

  private SocketOwners.Owners owners(List<TcpSocket> sockets) throws CollectException {
    Set<Long> inodes = new HashSet<>();
    for (TcpSocket socket : sockets) {
      if (socket.inode() > 0 && (socket.state() == TcpSocket.LISTEN || socket.state() == TcpSocket.ESTABLISHED)) {
        inodes.add(socket.inode());
      }
    }
    try {
      return SocketOwners.scan(settings.proc(), inodes);
    } catch (IOException e) {
      throw new CollectException(target.id(), CollectException.Kind.CONNECT,
          "cannot list the processes in " + settings.proc() + ": " + e, false, e);
    }
  }

  private Sample status(Instant time, int sockets, int unreadableProcesses) {
    Map<String, Double> gauges = new HashMap<>();
    gauges.put("sockets", (double) sockets);
    gauges.put("unreadable_processes", (double) unreadableProcesses);
    if (settings.inventory().isPresent()) {
      gauges.put("inventory_entries", (double) inventory.entries());
      inventory.loadedAt().ifPresent(loaded ->
          gauges.put("inventory_age_seconds", Duration.between(loaded, time).toMillis() / 1000.0));
    }
    Map<String, Long> counters = settings.inventory().isPresent()
        ? Map.of("inventory_loads", inventory.loads(), "inventory_failures", inventory.failures())
        : Map.of();
    return new Sample(target.id(), STATUS, time, Map.of(), counters, gauges, Map.of(), 64, discontinuity);
  }
}
