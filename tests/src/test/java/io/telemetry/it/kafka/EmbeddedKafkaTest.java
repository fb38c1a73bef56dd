package io.telemetry.it.kafka;

import io.telemetry.it.support.TopicReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.telemetry.host.process.ChildClasspath;
import io.telemetry.host.broker.EmbeddedKafka;
import io.telemetry.host.broker.StandaloneBroker;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded KRaft broker as a real broker: serves, stops, dies, comes back with its data. */
class EmbeddedKafkaTest {

  private static final String TOPIC = "it.broker.lifecycle";

  @Test
  void servesStopsIsKilledAndRestartsOnTheSamePortWithItsData() throws Exception {
    Path dataDir;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().partitions(3).build()) {
      dataDir = kafka.dataDir();
      kafka.start();
      int port = kafka.port();
      assertTrue(port > 0, "a free port was chosen");
      assertEquals("127.0.0.1:" + port, kafka.bootstrapServers());
      kafka.createTopics(TOPIC);

      produce(kafka.bootstrapServers(), 0, 10);
      assertEquals(range(0, 10), readValues(kafka.bootstrapServers(), 10));

      kafka.stop();
      assertFalse(kafka.isRunning());
      assertFalse(accepts(port), "nothing listens after stop()");

      kafka.start();
      assertEquals(port, kafka.port(), "same port after a restart");
      assertEquals(range(0, 10), readValues(kafka.bootstrapServers(), 10));
      produce(kafka.bootstrapServers(), 10, 20);

      kafka.kill();
      assertFalse(kafka.isRunning());
      assertFalse(accepts(port), "nothing listens after kill()");

      kafka.start();
      assertEquals(port, kafka.port(), "same port after a crash");
      assertEquals(range(0, 20), readValues(kafka.bootstrapServers(), 20), "acknowledged data survives kill -9");

      String log = Files.readString(kafka.logFile());
      assertTrue(log.contains("Kafka Server started"), "the child's log is in " + kafka.logFile());
    }
    assertFalse(Files.exists(dataDir), "close() deletes the temporary data folder");
  }

  @Test
  void aBrokerThatCannotStartIsReportedWithTheTailOfItsLog() {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().brokerProperty("num.partitions", "many").build()) {
      IllegalStateException error = assertThrows(IllegalStateException.class, kafka::start);
      assertTrue(error.getMessage().contains("exited with status"), error.getMessage());
      assertTrue(error.getMessage().contains("num.partitions"), "the log tail says why: " + error.getMessage());
      assertFalse(kafka.isRunning());
    }
  }

  @Test
  void theBrokerDiesWithTheJvmThatStartedItEvenWhenThatJvmIsKilled(@TempDir Path dir) throws Exception {
    int port = freePort();
    Path output = dir.resolve("parent.out");
    String classpath = ChildClasspath.of(List.of(StandaloneBroker.class)).stream()
        .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    Process parent = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m", "-cp", classpath, StandaloneBroker.class.getName(),
            "--port", Integer.toString(port), "--data-dir", dir.resolve("kafka").toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    ProcessHandle broker = null;
    try {
      awaitFileContains(output, "serving at 127.0.0.1:" + port, parent, Duration.ofSeconds(90));
      List<ProcessHandle> children = parent.children().toList();
      assertEquals(1, children.size(), "the parent JVM runs one broker child");
      broker = children.get(0);
      assertTrue(accepts(port));

      parent.destroyForcibly().waitFor(); // kill -9: no shutdown hook runs in the parent

      try {
        broker.onExit().get(40, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        fail("the broker child outlived its killed parent by 40 s");
      }
      assertFalse(accepts(port));
    } finally {
      parent.destroyForcibly();
      if (broker != null) {
        broker.destroyForcibly();
      }
    }
  }

  private static void produce(String bootstrap, int from, int to) throws ExecutionException, InterruptedException {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "one-key", Integer.toString(i))).get();
      }
    }
  }

  /** The values of the first {@code count} records (one key, so one partition, in order). */
  private static List<Integer> readValues(String bootstrap, int count) {
    List<ConsumerRecord<String, byte[]>> records = TopicReader.readAtLeast(bootstrap, List.of(TOPIC), count);
    return records.stream().map(r -> Integer.parseInt(new String(r.value()))).toList();
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitFileContains(Path file, String text, Process writer, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!(Files.exists(file) && Files.readString(file).contains(text))) {
      if (!writer.isAlive()) {
        fail("the parent JVM exited with " + writer.exitValue() + ":\n" + Files.readString(file));
      }
      if (Instant.now().isAfter(deadline)) {
        fail("no '" + text + "' within " + timeout + ":\n" + Files.readString(file));
      }
      Thread.sleep(100);
    }
  }
}
