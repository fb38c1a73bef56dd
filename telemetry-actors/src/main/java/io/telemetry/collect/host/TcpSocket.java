package io.telemetry.collect.host;

import java.util.Objects;

/**
 * One row of {@code /proc/net/tcp} or {@code /proc/net/tcp6}.
 *
 * @param state the kernel's TCP state number ({@link #ESTABLISHED}, {@link #LISTEN}, ...)
 * @param inode the socket's inode, which {@code /proc/<pid>/fd/*} links name as {@code socket:[inode]};
 *              0 when no process holds it (TIME_WAIT, or not yet accepted)
 */
public record TcpSocket(IpAddress localAddress, int localPort, IpAddress remoteAddress, int remotePort, int state,
    long inode) {

  /** {@code 01} in the {@code st} column. */
  public static final int ESTABLISHED = 0x01;
  /** {@code 0A} in the {@code st} column. */
  public static final int LISTEN = 0x0A;

  public TcpSocket {
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }
}
