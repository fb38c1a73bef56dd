package io.telemetry.host.influx;

import io.telemetry.host.process.ChildFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A real InfluxDB 1.x server: Debian's {@code influxd} run as a child process with its own
 * config (written into its data folder, see {@link InfluxdFiles}), on 127.0.0.1 only. It can be
 * stopped and started again on the same port with its data, as a real outage would look to
 * clients. The demo and the integration tests write to it.
 *
 * <p>The server dies with this JVM: a shutdown hook stops it, and if this JVM is killed the small
 * shell between them sees its standard input close and stops the server (see {@link #WRAPPER}).
 * Its output goes to {@link #logFile()} in the data folder.
 *
 * <pre>{@code
 * try (EmbeddedInflux influx = EmbeddedInflux.builder().database("telemetry").build().start()) {
 *   URI url = influx.url();
 *   JsonNode answer = influx.query("telemetry", "SELECT count(*) FROM \"interface\"");
 * }
 * }</pre>
 *
 * <p>Methods that change the server's state are synchronized: one caller at a time.
 */
public final class EmbeddedInflux implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final int LOG_TAIL_LINES = 40;

  /**
   * Runs {@code influxd run -config FILE} ($1, $2) and stops it with SIGTERM when the shell's
   * standard input ends: when {@link #stop()} closes it, or when this JVM dies, however it dies.
   * Background jobs of a non-interactive shell read /dev/null, so the watcher reads a copy (fd 3).
   */
  static final String WRAPPER = String.join("\n",
      "\"$1\" run -config \"$2\" </dev/null &",
      "server=$!",
      "exec 3<&0",
      "( while read -r _ <&3; do :; done; kill -TERM \"$server\" 2>/dev/null ) &",
      "watcher=$!",
      "exec 3<&-",
      "trap 'kill -TERM \"$server\" 2>/dev/null' TERM INT HUP",
      "while :; do",
      "  wait \"$server\"; status=$?",
      "  kill -0 \"$server\" 2>/dev/null || break",
      "done",
      "kill \"$watcher\" 2>/dev/null",
      "exit \"$status\"");

  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final InfluxdFiles files;
  private final Path binary;
  private final List<String> databases;
  private final Duration startTimeout;
  private final Duration stopTimeout;
  private int port;
  private int rpcPort;
  // One HTTP client for queries, made once the port is known for good (after the first start).
  private volatile InfluxdHttp http;
  // volatile: the shutdown hook reads it without the lock.
  private volatile Process process;
  private Thread shutdownHook;

  private EmbeddedInflux(Builder builder) throws IOException {
    this.binary = builder.binary != null ? InfluxdBinary.require(builder.binary) : InfluxdBinary.require();
    this.deleteDataDirOnClose = builder.dataDir == null;
    this.dataDir = builder.dataDir != null
        ? Files.createDirectories(builder.dataDir.toAbsolutePath())
        : Files.createTempDirectory("telemetry-influx-");
    this.files = new InfluxdFiles(dataDir);
    this.port = builder.port;
    this.databases = List.copyOf(builder.databases);
    this.startTimeout = builder.startTimeout;
    this.stopTimeout = builder.stopTimeout;
  }

  /** A builder; {@link Builder#build()} throws {@link InfluxdNotInstalledException} without influxd. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether influxd is installed (on the PATH or at /usr/bin/influxd). */
  public static boolean installed() {
    return InfluxdBinary.find().isPresent();
  }

  /**
   * Starts the server, waits until {@code GET /ping} answers 204 and creates the builder's
   * databases (if missing). Starting a running server does nothing.
   *
   * @throws IllegalStateException with the tail of the server's log when it exits or does not
   *     answer within the start timeout
   */
  public synchronized EmbeddedInflux start() {
    if (isRunning()) {
      return this;
    }
    // Free ports are found by binding and releasing them, so another process can take one before
    // influxd binds it. Ports chosen here (not given by the caller) are then chosen again.
    boolean portsChosenHere = port == 0;
    for (int attempt = 1; ; attempt++) {
      launch();
      try {
        awaitReady();
        break;
      } catch (IllegalStateException e) {
        boolean portTaken = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("address already in use");
        if (!portsChosenHere || !portTaken || attempt == 3) {
          throw e;
        }
        port = 0;
        rpcPort = 0;
      }
    }
    if (http == null) {
      http = new InfluxdHttp(url(), Duration.ofSeconds(30));
    }
    for (String database : databases) {
      createDatabase(database);
    }
    return this;
  }

  private void launch() {
    try {
      if (port == 0) {
        port = ChildFiles.freePort(HOST);
      }
      if (rpcPort == 0) {
        rpcPort = ChildFiles.freePort(HOST);
      }
      files.writeConfig(HOST, port, rpcPort);
      process = new ProcessBuilder("/bin/sh", "-c", WRAPPER, "influxd-wrapper", binary.toString(),
              files.config().toString())
          .directory(dataDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(files.logFile().toFile()))
          .start(); // stdin stays a pipe: the server is stopped when it closes (see WRAPPER)
      shutdownHook = new Thread(this::stopForShutdown, "telemetry-embedded-influx-stop");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded InfluxDB: cannot start " + binary + " in " + dataDir, e);
    }
  }

  /** Stops the server gracefully (SIGTERM) and waits for it to exit, killing it after the stop timeout. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process child = process;
    endGracefully(child, stopTimeout);
    if (child.isAlive()) {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
      try {
        child.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    forgetProcess();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** {@code http://127.0.0.1:port}; the port is fixed at the first start and kept across restarts. */
  public synchronized URI url() {
    if (port == 0) {
      throw new IllegalStateException("embedded InfluxDB: the port is chosen at the first start()");
    }
    return URI.create("http://" + HOST + ":" + port);
  }

  public synchronized int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The server's output: warnings and errors, appended across restarts. */
  public Path logFile() {
    return files.logFile();
  }

  /** Creates a database; an existing one is left as it is. */
  public void createDatabase(String name) {
    query("", "CREATE DATABASE " + identifier(name));
  }

  /**
   * Runs InfluxQL statements and returns the server's JSON answer
   * ({@code {"results": [{"statement_id": 0, "series": [{"name", "tags", "columns", "values"}]}]}}),
   * timestamps as integer nanoseconds.
   *
   * @param database the database the statements run in ({@code ""} for none)
   * @throws IllegalStateException when the server reports an error, naming the query
   */
  public JsonNode query(String database, String influxql) {
    InfluxdHttp client = http;
    if (client == null) {
      throw new IllegalStateException("embedded InfluxDB: query before the first start(): " + influxql);
    }
    return client.query(Objects.requireNonNull(database), influxql);
  }

  /** Stops the server and deletes the data folder if it was a temporary one. */
  @Override
  public synchronized void close() {
    stop();
    if (deleteDataDirOnClose) {
      ChildFiles.deleteRecursively(dataDir, "embedded InfluxDB");
    }
  }

  /** An InfluxQL identifier in double quotes. */
  public static String identifier(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(startTimeout);
    InfluxdHttp http = new InfluxdHttp(URI.create("http://" + HOST + ":" + port), startTimeout);
    try {
      while (!http.ping()) {
        failIfExited();
        if (Instant.now().isAfter(deadline)) {
          throw notReady("did not answer GET /ping with 204 within " + startTimeout);
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notReady("interrupted while waiting for it");
    }
  }

  private void failIfExited() {
    Process child = process;
    if (child != null && !child.isAlive()) {
      int status = child.exitValue();
      forgetProcess();
      throw new IllegalStateException("embedded InfluxDB (" + binary + ") at " + HOST + ":" + port
          + " exited with status " + status + " while starting; last lines of " + logFile() + ":\n"
          + ChildFiles.tail(files.logFile(), LOG_TAIL_LINES));
    }
  }

  private IllegalStateException notReady(String problem) {
    String tail = ChildFiles.tail(files.logFile(), LOG_TAIL_LINES);
    stop();
    return new IllegalStateException("embedded InfluxDB (" + binary + ") at " + HOST + ":" + port + " " + problem
        + "; last lines of " + logFile() + ":\n" + tail);
  }

  // Closing the wrapper's stdin makes it stop influxd with SIGTERM; influxd then flushes and exits.
  private static void endGracefully(Process child, Duration timeout) {
    try {
      child.getOutputStream().close();
    } catch (IOException alreadyClosed) {
      // The wrapper is gone already.
    }
    try {
      child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forgetProcess() {
    process = null;
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running or about to; nothing to remove.
      }
      shutdownHook = null;
    }
  }

  // Runs in the JVM's shutdown: no lock (the owner may hold it while blocked), no hook removal.
  private void stopForShutdown() {
    Process child = process;
    if (child == null) {
      return;
    }
    endGracefully(child, stopTimeout);
    if (child.isAlive()) {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
    }
  }

  /** How to build an {@link EmbeddedInflux}; every option has a default. */
  public static final class Builder {
    private Path binary;
    private Path dataDir;
    private int port;
    private final List<String> databases = new ArrayList<>();
    private Duration startTimeout = Duration.ofSeconds(60);
    private Duration stopTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The influxd executable; default: on the PATH, else /usr/bin/influxd. */
    public Builder binary(Path binary) {
      this.binary = Objects.requireNonNull(binary);
      return this;
    }

    /** Keeps data (and the log) here across runs; default a temporary folder deleted by close(). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir);
      return this;
    }

    /** The HTTP port; 0 (default) picks a free one at the first start and keeps it. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("embedded InfluxDB port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** A database to create at every start (if missing). */
    public Builder database(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("embedded InfluxDB: a database needs a name");
      }
      databases.add(name);
      return this;
    }

    /** How long start() waits for GET /ping to answer 204 (default 60 s). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** How long stop() waits for a clean shutdown before killing (default 30 s). */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /**
     * @throws InfluxdNotInstalledException when no binary was given and influxd is not installed
     */
    public EmbeddedInflux build() {
      try {
        return new EmbeddedInflux(this);
      } catch (IOException e) {
        throw new UncheckedIOException("embedded InfluxDB: cannot create its data folder " + dataDir, e);
      }
    }
  }
}
