package io.telemetry.host.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in management HTTP server: answers a fixed status JSON and records the other requests. */
final class FakeManagement implements AutoCloseable {

  /** One request other than the status query: method, raw path, body. */
  record Request(String method, String rawPath, String body) {}

  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeManagement(String statusJson, int memberStatusCode) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/telemetry/cluster", exchange -> reply(exchange, 200, statusJson));
    server.createContext("/cluster/members/", exchange -> {
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      reply(exchange, memberStatusCode, "{\"message\":\"Leaving pekko://telemetry@10.0.0.2:25520\"}");
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void reply(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
