package io.telemetry.host.broker;

import io.telemetry.host.process.ChildFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Apache Kafka broker in KRaft combined mode (broker and controller, node 1),
 * run as a child JVM so that it can be stopped, killed like {@code kill -9} and started again on
 * the same port with its data, as a real broker outage would look to clients.
 *
 * <p>The child dies with this JVM: a shutdown hook stops it, and if this JVM is killed the child
 * sees its standard input close and exits ({@link BrokerChildMain}). Its output goes to
 * {@link #logFile()} in the data folder.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
 *   producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Methods are synchronized: one caller at a time changes the broker's state.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final int LOG_TAIL_LINES = 40;

  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final int partitions;
  private final boolean autoCreateTopics;
  private final List<String> jvmOptions;
  private final Duration startTimeout;
  private final Duration stopTimeout;
  private final Map<String, String> brokerProperties;
  private int port;
  private int controllerPort;
  // volatile: the shutdown hook reads it without the lock.
  private volatile Process process;
  private Thread shutdownHook;

  private EmbeddedKafka(Builder builder) throws IOException {
    this.deleteDataDirOnClose = builder.dataDir == null;
    this.dataDir = builder.dataDir != null
        ? Files.createDirectories(builder.dataDir.toAbsolutePath())
        : Files.createTempDirectory("telemetry-kafka-");
    this.port = builder.port;
    this.partitions = builder.partitions;
    this.autoCreateTopics = builder.autoCreateTopics;
    this.jvmOptions = List.copyOf(builder.jvmOptions);
    this.startTimeout = builder.startTimeout;
    this.stopTimeout = builder.stopTimeout;
    this.brokerProperties = Map.copyOf(builder.brokerProperties);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the broker (formatting its storage the first time) and waits until it serves clients.
   * Starting a running broker does nothing.
   *
   * @throws IllegalStateException with the tail of the broker's log when it exits or is not ready
   *     within the start timeout
   */
  public synchronized EmbeddedKafka start() {
    if (isRunning()) {
      return this;
    }
    // Free ports are found by binding and releasing them, so another process can take one before
    // the broker binds it. Ports chosen here (not given by the caller) are then chosen again.
    boolean portsChosenHere = port == 0;
    for (int attempt = 1; ; attempt++) {
      launch();
      try {
        awaitReady();
        return this;
      } catch (IllegalStateException e) {
        boolean portTaken = String.valueOf(e.getMessage()).contains("Address already in use");
        if (!portsChosenHere || !portTaken || attempt == 3) {
          throw e;
        }
        port = 0;
        controllerPort = 0;
      }
    }
  }

  private void launch() {
    try {
      if (port == 0) {
        port = ChildFiles.freePort(HOST);
      }
      if (controllerPort == 0) {
        controllerPort = ChildFiles.freePort(HOST);
      }
      BrokerFiles files = new BrokerFiles(dataDir);
      files.writeServerProperties(serverProperties(files));
      files.writeLogbackConfig();
      List<String> command = new ArrayList<>(files.javaCommand(jvmOptions));
      command.add(files.serverProperties().toString());
      files.clusterIdToFormat().ifPresent(command::add);
      process = new ProcessBuilder(command)
          .directory(dataDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(files.logFile().toFile()))
          .start(); // stdin stays a pipe: the child exits when it closes (see BrokerChildMain)
      shutdownHook = new Thread(this::stopForShutdown, "telemetry-embedded-kafka-stop");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Kafka: cannot start the broker JVM in " + dataDir, e);
    }
  }

  /** Stops the broker gracefully and waits for it to exit (killing it after the stop timeout). */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy(); // SIGTERM: Kafka's shutdown hook shuts down cleanly
    try {
      if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    forgetProcess();
  }

  /** Kills the broker at once, like {@code kill -9}: no clean shutdown, data as it was on disk. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    forgetProcess();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** {@code 127.0.0.1:port}; the port is fixed at the first start and kept across restarts. */
  public synchronized String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("embedded Kafka: the port is chosen at the first start()");
    }
    return HOST + ":" + port;
  }

  public synchronized int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The broker JVM's output (Kafka's log at WARN, start/stop at INFO). */
  public Path logFile() {
    return new BrokerFiles(dataDir).logFile();
  }

  /** Creates topics with the default partition count; existing topics are left as they are. */
  public void createTopics(String... topics) {
    createTopics(partitions, topics);
  }

  /** Creates topics with {@code partitionCount} partitions; existing topics are left as they are. */
  public void createTopics(int partitionCount, String... topics) {
    List<NewTopic> newTopics = new ArrayList<>();
    for (String topic : topics) {
      newTopics.add(new NewTopic(topic, partitionCount, (short) 1));
    }
    try (Admin admin = Admin.create(adminProperties())) {
      for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result :
          admin.createTopics(newTopics).values().entrySet()) {
        try {
          result.getValue().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("embedded Kafka at " + bootstrapServers()
                + ": cannot create topic " + result.getKey() + ": " + e.getCause(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("embedded Kafka: interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("embedded Kafka at " + bootstrapServers()
          + ": topics not created within " + startTimeout, e);
    }
  }

  /** Stops the broker and deletes the data folder if it was a temporary one. */
  @Override
  public synchronized void close() {
    stop();
    if (deleteDataDirOnClose) {
      ChildFiles.deleteRecursively(dataDir, "embedded Kafka");
    }
  }

  private Map<String, String> serverProperties(BrokerFiles files) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", files.kafkaLogDir().toString());
    p.put("num.partitions", Integer.toString(partitions));
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
    p.put("group.initial.rebalance.delay.ms", "0");
    // One node on a small machine: few threads, and no waiting for peers on shutdown.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    // After a restart the controller accepts the broker's new registration only once the old
    // one's session has expired (9 s by default): a short session makes restarts quick.
    p.put("broker.heartbeat.interval.ms", "500");
    p.put("broker.session.timeout.ms", "3000");
    p.putAll(brokerProperties);
    return p;
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(startTimeout);
    awaitPortOpen(deadline);
    try (Admin admin = Admin.create(adminProperties())) {
      while (true) {
        failIfExited();
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative()) {
          throw notReady("did not report its cluster within " + startTimeout);
        }
        try {
          if (!admin.describeCluster().nodes().get(Math.min(left.toMillis(), 2000), TimeUnit.MILLISECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // Not serving yet (listener up, metadata not yet published): ask again until the deadline.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notReady("interrupted while waiting for it");
    }
  }

  // Asking the admin client before the listener exists only fills logs with connection warnings.
  private void awaitPortOpen(Instant deadline) {
    while (true) {
      failIfExited();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, port), 200);
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw notReady("did not listen on " + bootstrapServers() + " within " + startTimeout);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw notReady("interrupted while waiting for it");
        }
      }
    }
  }

  private void failIfExited() {
    if (process != null && !process.isAlive()) {
      int status = process.exitValue();
      forgetProcess();
      throw new IllegalStateException("embedded Kafka at " + HOST + ":" + port
          + " exited with status " + status + " while starting; last lines of " + logFile() + ":\n"
          + ChildFiles.tail(logFile(), LOG_TAIL_LINES));
    }
  }

  private IllegalStateException notReady(String problem) {
    String tail = ChildFiles.tail(logFile(), LOG_TAIL_LINES);
    kill();
    return new IllegalStateException("embedded Kafka at " + HOST + ":" + port + " " + problem
        + "; last lines of " + logFile() + ":\n" + tail);
  }

  private Map<String, Object> adminProperties() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(5000, startTimeout.toMillis()));
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    return props;
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
    child.destroy();
    try {
      if (!child.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        child.destroyForcibly();
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
    }
  }

  /** How to build an {@link EmbeddedKafka}; every option has a default. */
  public static final class Builder {
    private Path dataDir;
    private int port;
    private int partitions = 6;
    private boolean autoCreateTopics = true;
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
    private Duration startTimeout = Duration.ofSeconds(90);
    private Duration stopTimeout = Duration.ofSeconds(30);
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();

    private Builder() {}

    /** Keeps data (and the log) here across runs; default a temporary folder deleted by close(). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir);
      return this;
    }

    /** The client port; 0 (default) picks a free one at the first start and keeps it. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("embedded Kafka port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Partitions of auto-created topics and of createTopics without a count (default 6). */
    public Builder partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("embedded Kafka partitions must be at least 1, was " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /**
     * Whether the broker creates a topic when a client first names it (default true); false is
     * how production brokers often run: then only Admin clients create topics.
     */
    public Builder autoCreateTopics(boolean enabled) {
      this.autoCreateTopics = enabled;
      return this;
    }

    /** The child JVM's maximum heap, e.g. {@code 512m} (the default). */
    public Builder heap(String size) {
      jvmOptions.removeIf(option -> option.startsWith("-Xmx"));
      jvmOptions.add("-Xmx" + size);
      return this;
    }

    /** Adds an option for the child JVM, e.g. {@code -XX:TieredStopAtLevel=1}. */
    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    /** Sets or overrides one line of the broker's server.properties. */
    public Builder brokerProperty(String name, String value) {
      brokerProperties.put(name, value);
      return this;
    }

    /** How long start() waits for the broker to serve (default 90 s). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** How long stop() waits for a clean shutdown before killing (default 30 s). */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    public EmbeddedKafka build() {
      try {
        return new EmbeddedKafka(this);
      } catch (IOException e) {
        throw new UncheckedIOException("embedded Kafka: cannot create its data folder " + dataDir, e);
      }
    }
  }
}
