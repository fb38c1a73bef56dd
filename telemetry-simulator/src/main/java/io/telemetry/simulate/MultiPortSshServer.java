package io.telemetry.simulate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.apache.sshd.server.SshServer;

/**
 * One MINA SSH server listening on many ports: every simulated device gets its own port, while
 * all of them share one set of NIO threads, one scheduler and one host key.
 */
final class MultiPortSshServer extends SshServer {

  /** Listens on one more address (port 0 picks a free port) and returns the bound address. */
  synchronized InetSocketAddress listen(InetSocketAddress address) throws IOException {
    if (acceptor == null) {
      throw new IllegalStateException("start() the server before adding ports");
    }
    Set<SocketAddress> before = new HashSet<>(acceptor.getBoundAddresses());
    acceptor.bind(address);
    Set<SocketAddress> added = new HashSet<>(acceptor.getBoundAddresses());
    added.removeAll(before);
    if (added.size() != 1) {
      throw new IOException("binding " + address + " did not add exactly one listening address: " + added);
    }
    return (InetSocketAddress) added.iterator().next();
  }

  /** Every address the server listens on. */
  synchronized Set<SocketAddress> listening() {
    return acceptor == null ? Set.of() : acceptor.getBoundAddresses();
  }
}
