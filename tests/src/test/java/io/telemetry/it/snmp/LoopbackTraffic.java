package io.telemetry.it.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Sends a known number of UDP datagrams over the loopback interface, so that lo's counters grow. */
final class LoopbackTraffic {

  private LoopbackTraffic() {}

  /** Sends {@code count} datagrams of {@code size} payload bytes to a socket bound on 127.0.0.1. */
  static void send(int count, int size) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(loopback, 0));
        DatagramSocket source = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
      byte[] payload = new byte[size];
      DatagramPacket packet = new DatagramPacket(payload, size, loopback, sink.getLocalPort());
      for (int i = 0; i < count; i++) {
        source.send(packet); // lo counts every one, whether or not the sink reads it
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send loopback traffic", e);
    }
  }
}
