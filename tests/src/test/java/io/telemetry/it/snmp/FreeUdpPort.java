package io.telemetry.it.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A UDP port on 127.0.0.1 that was free a moment ago (agents retry with another if it got taken). */
final class FreeUdpPort {

  private FreeUdpPort() {}

  static int pick() {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free UDP port on loopback", e);
    }
  }
}
