package io.telemetry.collect.ssh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/** Formats socket addresses as {@code host:port} for error messages. */
final class Endpoints {
  private Endpoints() {}

  static String hostPort(SocketAddress address) {
    if (address instanceof SshdSocketAddress sshd) {
      return sshd.getHostName() + ":" + sshd.getPort();
    }
    if (address instanceof InetSocketAddress inet) {
      return inet.getHostString() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
