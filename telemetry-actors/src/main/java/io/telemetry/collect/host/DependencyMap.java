package io.telemetry.collect.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A host's TCP dependencies at one moment, from its socket tables, as planet-exporter builds them:
 *
 * <ul>
 *   <li>listening services: every LISTEN socket (address, port, process);
 *   <li>downstream: an ESTABLISHED connection whose local port is one of our listening ports
 *       (bound to its local address or to the wildcard): a peer uses our service on that port;
 *   <li>upstream: any other ESTABLISHED connection: we use the peer's service on its port (our
 *       local port is ephemeral).
 * </ul>
 *
 * <p>Connections are counted per (direction, process, peer, service port), where the peer is the
 * inventory's hostgroup and domain when the inventory knows the peer address, else the address.
 * Thus many connections of a pool to one service are one series, and all hosts of a hostgroup
 * are one peer. A downstream connection that no process holds yet (still in the accept queue) is
 * attributed to the listening socket's process.
 */
public record DependencyMap(List<ListeningService> listening, Map<Dependency, Integer> connections) {

  public enum Direction {
    UPSTREAM, DOWNSTREAM;

    /** The tag value: {@code upstream} or {@code downstream}. */
    public String tag() {
      return name().toLowerCase();
    }
  }

  /**
   * Who is on the other side of a connection.
   *
   * @param address the peer's address when the inventory does not know it, else {@code ""}
   */
  public record Peer(String address, String hostgroup, String domain) {
    static Peer of(IpAddress address, Optional<HostInfo> known) {
      return known.map(info -> new Peer("", info.hostgroup(), info.domain()))
          .orElseGet(() -> new Peer(address.toString(), "", ""));
    }
  }

  /**
   * @param process the local process's name; {@code ""} when not known
   * @param port    the service port: the peer's for upstream, ours for downstream
   */
  public record Dependency(Direction direction, String process, Peer peer, int port) {}

  /** @param process {@code ""} when not known */
  public record ListeningService(IpAddress address, int port, String process) {}

  private static final Comparator<Dependency> ORDER = Comparator.comparing(Dependency::direction)
      .thenComparing(Dependency::process)
      .thenComparing(d -> d.peer().hostgroup())
      .thenComparing(d -> d.peer().domain())
      .thenComparing(d -> d.peer().address())
      .thenComparingInt(Dependency::port);

  private static final Comparator<ListeningService> SERVICE_ORDER = Comparator
      .comparing((ListeningService s) -> s.address().toString())
      .thenComparingInt(ListeningService::port)
      .thenComparing(ListeningService::process);

  public DependencyMap {
    listening = List.copyOf(listening);
    // Keeps the caller's order, so that samples come out in a stable order.
    connections = Collections.unmodifiableMap(new LinkedHashMap<>(connections));
  }

  /**
   * @param sockets         every row of the socket tables
   * @param processByInode  socket owners ({@link SocketOwners})
   * @param inventory       what is known about peer addresses
   * @param includeLoopback whether connections with a loopback peer count (services on loopback are listed either way)
   */
  public static DependencyMap of(List<TcpSocket> sockets, Map<Long, String> processByInode,
      Function<IpAddress, Optional<HostInfo>> inventory, boolean includeLoopback) {
    Objects.requireNonNull(processByInode, "processByInode");
    Set<ListeningService> services = new TreeSet<>(SERVICE_ORDER);
    Map<Integer, List<ListeningService>> listenersByPort = new HashMap<>();
    for (TcpSocket socket : sockets) {
      if (socket.state() == TcpSocket.LISTEN) {
        ListeningService service = new ListeningService(socket.localAddress(), socket.localPort(),
            processByInode.getOrDefault(socket.inode(), ""));
        services.add(service);
        listenersByPort.computeIfAbsent(service.port(), p -> new ArrayList<>()).add(service);
      }
    }
    Map<Dependency, Integer> counts = new TreeMap<>(ORDER);
    for (TcpSocket socket : sockets) {
      if (socket.state() != TcpSocket.ESTABLISHED || (!includeLoopback && socket.remoteAddress().isLoopback())) {
        continue;
      }
      String owner = processByInode.getOrDefault(socket.inode(), "");
      Peer peer = Peer.of(socket.remoteAddress(), inventory.apply(socket.remoteAddress()));
      Optional<ListeningService> listener = listenerOf(socket, listenersByPort);
      Dependency dependency = listener.isPresent()
          ? new Dependency(Direction.DOWNSTREAM, owner.isEmpty() ? listener.get().process() : owner, peer,
              socket.localPort())
          : new Dependency(Direction.UPSTREAM, owner, peer, socket.remotePort());
      counts.merge(dependency, 1, Integer::sum);
    }
    return new DependencyMap(new ArrayList<>(services), counts);
  }

  private static Optional<ListeningService> listenerOf(TcpSocket socket, Map<Integer, List<ListeningService>> byPort) {
    List<ListeningService> listeners = byPort.getOrDefault(socket.localPort(), List.of());
    Optional<ListeningService> exact = listeners.stream()
        .filter(l -> l.address().equals(socket.localAddress())).findFirst();
    return exact.isPresent() ? exact : listeners.stream().filter(l -> l.address().isWildcard()).findFirst();
  }
}
