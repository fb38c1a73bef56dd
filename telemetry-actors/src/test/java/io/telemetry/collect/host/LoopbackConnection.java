package io.telemetry.collect.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A listening socket on a loopback address and one accepted connection to it, all in this JVM. */
final class LoopbackConnection implements AutoCloseable {

  private final ServerSocket server;
  private final Socket client;
  private final Socket accepted;

  private LoopbackConnection(ServerSocket server, Socket client, Socket accepted) {
    this.server = server;
    this.client = client;
    this.accepted = accepted;
  }

  /** @param address a loopback literal, {@code 127.0.0.1} or {@code ::1} */
  static LoopbackConnection open(String address) throws IOException {
    InetAddress loopback = InetAddress.getByName(address);
    ServerSocket server = new ServerSocket();
    try {
      server.bind(new InetSocketAddress(loopback, 0));
      Socket client = new Socket(loopback, server.getLocalPort());
      try {
        return new LoopbackConnection(server, client, server.accept());
      } catch (IOException e) {
        client.close();
        throw e;
      }
    } catch (IOException e) {
      server.close();
      throw e;
    }
  }

  int serverPort() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    try (server; client; accepted) {
      // closes all three
    }
  }
}
