package io.telemetry.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

/**
 * A local HTTP server for sink tests: records every request (method, path, query, headers, body,
 * gunzipped when sent with {@code Content-Encoding: gzip}) and answers what the test's
 * {@link Responder} says. Requests are served concurrently, so a responder may hold some (e.g. on
 * a latch) while others arrive; {@link #maxInFlight()} is the most held at once.
 */
public final class RecordingHttpServer implements AutoCloseable {

  /** One recorded request. Header names are lower case. */
  public record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
      String body, Instant received) {

    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body's lines, without empty ones. */
    public List<String> lines() {
      return Arrays.stream(body.split("\n")).filter(line -> !line.isEmpty()).toList();
    }
  }

  /** An answer: status, headers, body ({@code ""} for none). */
  public record Reply(int status, Map<String, String> headers, String body) {
    public static Reply noContent() {
      return new Reply(204, Map.of(), "");
    }

    public static Reply of(int status, String body) {
      return new Reply(status, Map.of(), body);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return new Reply(status, copy, body);
    }
  }

  /** Decides the answer to a request; may block (the server serves requests concurrently). */
  @FunctionalInterface
  public interface Responder {
    Reply reply(Request request) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Responder responder;
  private final List<Request> requests = new ArrayList<>();
  private int inFlight;
  private int maxInFlight;

  private RecordingHttpServer(HttpServer server, ExecutorService executor, Responder responder) {
    this.server = server;
    this.executor = executor;
    this.responder = responder;
  }

  /** Starts on a free port of 127.0.0.1. */
  public static RecordingHttpServer start(Responder responder) {
    return start(0, responder);
  }

  /** Starts on the given port of 127.0.0.1 (0: any free port). */
  public static RecordingHttpServer start(int port, Responder responder) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "recording-http-server");
        thread.setDaemon(true);
        return thread;
      });
      RecordingHttpServer recording = new RecordingHttpServer(server, executor, responder);
      server.createContext("/", recording::handle);
      server.setExecutor(executor);
      server.start();
      return recording;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the recording HTTP server on port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  public synchronized int maxInFlight() {
    return maxInFlight;
  }

  /** Waits until at least {@code count} requests arrived; fails the test at the deadline. */
  public List<Request> awaitRequests(int count, Duration timeout) {
    await(() -> requests().size() >= count, timeout,
        () -> "expected at least " + count + " requests, got " + requests().size() + ": " + requests());
    return requests();
  }

  /** Waits until {@code count} requests are being held by the responder at once. */
  public void awaitInFlight(int count, Duration timeout) {
    await(() -> inFlight() >= count, timeout, () -> "expected " + count + " requests in flight, got " + inFlight());
  }

  /** Polls a condition every 10 ms until it holds; fails the test with {@code message} at the deadline. */
  public static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> message) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(message.get() + " (waited " + timeout + ")");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + message.get(), e);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = record(exchange);
      synchronized (this) {
        requests.add(request);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
      }
      Reply reply;
      try {
        reply = responder.reply(request);
      } catch (Exception e) {
        reply = Reply.of(599, "test responder failed: " + e);
      } finally {
        synchronized (this) {
          inFlight--;
        }
      }
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      if (!reply.body().isEmpty()) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
      }
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static Request record(HttpExchange exchange) throws IOException {
    byte[] raw;
    try (InputStream in = exchange.getRequestBody()) {
      raw = in.readAllBytes();
    }
    Map<String, List<String>> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    List<String> encoding = headers.getOrDefault("content-encoding", List.of());
    if (encoding.contains("gzip")) {
      try (InputStream unzip = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        raw = unzip.readAllBytes();
      }
    }
    URI uri = exchange.getRequestURI();
    return new Request(exchange.getRequestMethod(), uri.getRawPath(), query(uri.getRawQuery()), headers,
        new String(raw, StandardCharsets.UTF_8), Instant.now());
  }

  // Percent-decoded; '+' is taken literally (the sink encodes spaces as %20).
  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(decode(key), decode(value));
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
