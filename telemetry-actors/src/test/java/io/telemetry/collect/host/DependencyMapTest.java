package io.telemetry.collect.host;

import static io.telemetry.collect.host.DependencyMap.Direction.DOWNSTREAM;
import static io.telemetry.collect.host.DependencyMap.Direction.UPSTREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.telemetry.collect.host.DependencyMap.Dependency;
import io.telemetry.collect.host.DependencyMap.ListeningService;
import io.telemetry.collect.host.DependencyMap.Peer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DependencyMapTest {

  private static final Function<IpAddress, Optional<HostInfo>> NO_INVENTORY = address -> Optional.empty();

  @Test
  void listeningPortsMakeDownstreamsAndEverythingElseUpstreams() {
    List<TcpSocket> sockets = List.of(
        listen("0.0.0.0", 443, 10),
        listen("127.0.0.1", 8080, 11),
        // Two clients use our 443, one of them twice.
        established("192.168.1.10", 443, "192.168.1.50", 50001, 20),
        established("192.168.1.10", 443, "192.168.1.50", 50002, 21),
        established("192.168.1.10", 443, "192.168.1.51", 40000, 22),
        // We use two database connections and one cache connection.
        established("192.168.1.10", 41000, "10.0.0.5", 5432, 30),
        established("192.168.1.10", 41001, "10.0.0.5", 5432, 31),
        established("192.168.1.10", 41002, "10.0.0.6", 6379, 32),
        // Local port 8080 is listened on only at 127.0.0.1: this socket is a client that got 8080 as ephemeral port.
        established("192.168.1.10", 8080, "10.0.0.7", 9092, 33));
    Map<Long, String> owners = Map.of(10L, "nginx", 11L, "admin", 20L, "nginx", 21L, "nginx", 22L, "nginx",
        30L, "app", 31L, "app", 32L, "app", 33L, "app");

    DependencyMap map = DependencyMap.of(sockets, owners, NO_INVENTORY, true);

    assertEquals(List.of(new ListeningService(ip("0.0.0.0"), 443, "nginx"),
        new ListeningService(ip("127.0.0.1"), 8080, "admin")), map.listening());
    assertEquals(Map.of(
        new Dependency(DOWNSTREAM, "nginx", peer("192.168.1.50"), 443), 2,
        new Dependency(DOWNSTREAM, "nginx", peer("192.168.1.51"), 443), 1,
        new Dependency(UPSTREAM, "app", peer("10.0.0.5"), 5432), 2,
        new Dependency(UPSTREAM, "app", peer("10.0.0.6"), 6379), 1,
        new Dependency(UPSTREAM, "app", peer("10.0.0.7"), 9092), 1), map.connections());
  }

  @Test
  void knownPeersAreCountedPerHostgroupAndDomain() {
    AddressTable<HostInfo> inventory = AddressTable.<HostInfo>builder()
        .prefix(ip("10.0.0.0"), 24, new HostInfo("postgres", "db.service.consul"))
        .exact(ip("10.0.0.9"), new HostInfo("postgres-primary", ""))
        .build();
    List<TcpSocket> sockets = List.of(
        established("192.168.1.10", 41000, "10.0.0.5", 5432, 30),
        established("192.168.1.10", 41001, "10.0.0.6", 5432, 31),
        established("192.168.1.10", 41002, "10.0.0.9", 5432, 32),
        established("192.168.1.10", 41003, "10.0.1.1", 5432, 33));
    Map<Long, String> owners = Map.of(30L, "app", 31L, "app", 32L, "app", 33L, "app");

    DependencyMap map = DependencyMap.of(sockets, owners, inventory::lookup, true);

    assertEquals(Map.of(
        new Dependency(UPSTREAM, "app", new Peer("", "postgres", "db.service.consul"), 5432), 2,
        new Dependency(UPSTREAM, "app", new Peer("", "postgres-primary", ""), 5432), 1,
        new Dependency(UPSTREAM, "app", peer("10.0.1.1"), 5432), 1), map.connections());
  }

  @Test
  void aConnectionNotYetAcceptedBelongsToItsListener() {
    List<TcpSocket> sockets = List.of(
        listen("::", 22, 10),
        // In the accept queue no process holds the socket yet (inode 0).
        established("10.0.0.1", 22, "10.0.0.2", 50000, 0),
        // Sockets no process holds and no listener explains stay without a process.
        established("10.0.0.1", 50001, "10.0.0.3", 443, 0),
        // A process we could not read.
        established("10.0.0.1", 50002, "10.0.0.3", 443, 99));
    DependencyMap map = DependencyMap.of(sockets, Map.of(10L, "sshd"), NO_INVENTORY, true);
    assertEquals(Map.of(
        new Dependency(DOWNSTREAM, "sshd", peer("10.0.0.2"), 22), 1,
        new Dependency(UPSTREAM, "", peer("10.0.0.3"), 443), 2), map.connections());
  }

  @Test
  void anIpv6WildcardListenerServesIpv4Clients() {
    List<TcpSocket> sockets = List.of(
        listen("::", 8443, 10),
        established("::ffff:10.0.0.1", 8443, "::ffff:10.0.0.2", 50000, 11),
        established("2001:db8::1", 8443, "2001:db8::2", 50001, 12));
    DependencyMap map = DependencyMap.of(sockets, Map.of(10L, "java", 11L, "java", 12L, "java"), NO_INVENTORY, true);
    assertEquals(Map.of(
        new Dependency(DOWNSTREAM, "java", peer("10.0.0.2"), 8443), 1,
        new Dependency(DOWNSTREAM, "java", peer("2001:db8::2"), 8443), 1), map.connections());
  }

  @Test
  void loopbackPeersCanBeLeftOut() {
    List<TcpSocket> sockets = List.of(
        listen("127.0.0.1", 6379, 10),
        established("127.0.0.1", 6379, "127.0.0.1", 50000, 11),
        established("127.0.0.1", 50000, "127.0.0.1", 6379, 12),
        established("::1", 50001, "::1", 9000, 13),
        established("10.0.0.1", 50002, "10.0.0.2", 443, 14));
    Map<Long, String> owners = Map.of(10L, "redis", 11L, "redis", 12L, "app", 13L, "app", 14L, "app");

    DependencyMap without = DependencyMap.of(sockets, owners, NO_INVENTORY, false);
    assertEquals(Map.of(new Dependency(UPSTREAM, "app", peer("10.0.0.2"), 443), 1), without.connections());
    assertEquals(List.of(new ListeningService(ip("127.0.0.1"), 6379, "redis")), without.listening());

    DependencyMap with = DependencyMap.of(sockets, owners, NO_INVENTORY, true);
    assertEquals(Map.of(
        new Dependency(DOWNSTREAM, "redis", peer("127.0.0.1"), 6379), 1,
        new Dependency(UPSTREAM, "app", peer("127.0.0.1"), 6379), 1,
        new Dependency(UPSTREAM, "app", peer("::1"), 9000), 1,
        new Dependency(UPSTREAM, "app", peer("10.0.0.2"), 443), 1), with.connections());
  }

  @Test
  void otherStatesAreNotConnections() {
    List<TcpSocket> sockets = List.of(
        new TcpSocket(ip("10.0.0.1"), 50000, ip("10.0.0.2"), 443, 0x06, 0), // TIME_WAIT
        new TcpSocket(ip("10.0.0.1"), 50001, ip("10.0.0.2"), 443, 0x02, 7), // SYN_SENT
        new TcpSocket(ip("10.0.0.1"), 50002, ip("10.0.0.2"), 443, 0x08, 8)); // CLOSE_WAIT
    DependencyMap map = DependencyMap.of(sockets, Map.of(7L, "curl", 8L, "curl"), NO_INVENTORY, true);
    assertEquals(Map.of(), map.connections());
    assertEquals(List.of(), map.listening());
  }

  @Test
  void aServiceListenedOnBySeveralSocketsIsListedOnce() {
    // SO_REUSEPORT: one socket per worker.
    List<TcpSocket> sockets = List.of(listen("0.0.0.0", 80, 10), listen("0.0.0.0", 80, 11), listen("::", 80, 12));
    DependencyMap map = DependencyMap.of(sockets, Map.of(10L, "nginx", 11L, "nginx", 12L, "nginx"), NO_INVENTORY, true);
    assertEquals(List.of(new ListeningService(ip("0.0.0.0"), 80, "nginx"), new ListeningService(ip("::"), 80, "nginx")),
        map.listening());
  }

  private static TcpSocket listen(String address, int port, long inode) {
    return new TcpSocket(ip(address), port, ip(address.contains(":") ? "::" : "0.0.0.0"), 0, TcpSocket.LISTEN, inode);
  }

  private static TcpSocket established(String local, int localPort, String remote, int remotePort, long inode) {
    return new TcpSocket(ip(local), localPort, ip(remote), remotePort, TcpSocket.ESTABLISHED, inode);
  }

  private static Peer peer(String address) {
    return new Peer(address, "", "");
  }

  private static IpAddress ip(String text) {
    return IpAddress.parse(text).orElseThrow();
  }
}
