package io.telemetry.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Documents a test serves to a node over HTTP (an inventory, enrichment maps): a JDK HttpServer on
 * 127.0.0.1 at a free port, answering each named path with the JSON body the test last set, or
 * with the status the test makes it fail with. A path never set answers 404.
 */
public final class ServedDocuments implements AutoCloseable {

  private static final int OK = 200;

  private final HttpServer server;
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  private ServedDocuments(HttpServer server) {
    this.server = server;
  }

  public static ServedDocuments start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      ServedDocuments documents = new ServedDocuments(server);
      server.createContext("/", documents::answer);
      server.start();
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the test's documents on 127.0.0.1", e);
    }
  }

  /** From now on {@code path} answers 200 with this JSON body (unless it is failing). */
  public void put(String path, String json) {
    bodies.put(path, json);
  }

  /** From now on {@code path} answers {@code status} with a plain-text message, until {@link #recover}. */
  public void fail(String path, int status) {
    failures.put(path, status);
  }

  /** {@code path} answers its body again. */
  public void recover(String path) {
    failures.remove(path);
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String body = bodies.get(path);
      int status = body == null ? 404 : failures.getOrDefault(path, OK);
      // No status in the failure text: the node quotes it after its own "HTTP <status>", which tests look for.
      String text = status == OK ? body : body == null ? "the test serves no document at " + path
          : path + " is down for the test";
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", status == OK ? "application/json" : "text/plain");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }
}
