package io.telemetry.host.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.config.TelemetryConfig;
import io.telemetry.host.config.ConfigCheck;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.runtime.EventJsonCodec;
import io.telemetry.host.demo.EventFeed;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry events tail --topic T}: prints committed events (read_committed) as they come,
 * one line each, or in full with {@code --verbose}; stops after {@code --count} events, after
 * {@code --timeout} seconds without a new one, or at Ctrl-C.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Print events of an event topic.")
public final class EventsTailCommand implements Callable<Integer> {

  enum From { earliest, latest }

  @Option(names = "--topic", required = true, description = "Event topic, e.g. telemetry.events.RULE.")
  String topic;

  @Option(names = "--group", description = "Consumer group (offsets are committed); default: a new group each run.")
  String group;

  @Option(names = "--from", defaultValue = "latest",
      description = "Where a group without offsets starts: earliest or latest (default ${DEFAULT-VALUE}).")
  From from;

  @Option(names = "--timeout", defaultValue = "0",
      description = "Stop after this many seconds without a new event; 0 = never (default).")
  double timeoutSeconds;

  @Option(names = "--count", defaultValue = "0", description = "Stop after this many events; 0 = no limit (default).")
  long count;

  @Option(names = {"-v", "--verbose"}, description = "Print each event's JSON with partition, offset and headers.")
  boolean verbose;

  @Option(names = "--bootstrap", description = "Kafka brokers; default telemetry.correlation.bootstrap-servers"
      + " (TELEMETRY_KAFKA_BOOTSTRAP or the config file).")
  String bootstrap;

  @Option(names = {"-c", "--config"}, description = "HOCON file to read the brokers from.")
  Path config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (timeoutSeconds < 0) {
      throw new ConfigException.BadValue("--timeout", "must be 0 or more seconds, was " + timeoutSeconds);
    }
    if (count < 0) {
      throw new ConfigException.BadValue("--count", "must be 0 or more, was " + count);
    }
    if (config != null) {
      ConfigCheck.requireValid(config, ConfigFactory.empty()); // as every command: all problems, exit 2
    }
    String servers = bootstrap != null ? bootstrap
        : TelemetryConfig.load(Optional.ofNullable(config)).getString("telemetry.correlation.bootstrap-servers");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> props = EventFeed.consumerProperties(servers,
        group != null ? group : "telemetry-events-tail-" + UUID.randomUUID(), from.name());
    EventJsonCodec codec = new EventJsonCodec();
    CountDownLatch closed = new CountDownLatch(1);
    long printed = 0;
    // Only what was printed is committed: records polled beyond --count stay for the next run.
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      Thread hook = new Thread(() -> {
        consumer.wakeup();
        awaitQuietly(closed);
      }, "events-tail-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      consumer.subscribe(List.of(topic));
      long lastEvent = System.nanoTime();
      long timeoutNanos = (long) (timeoutSeconds * 1e9);
      try {
        while (count == 0 || printed < count) {
          ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
          for (ConsumerRecord<String, byte[]> record : records) {
            print(out, err, codec, record);
            printed++;
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            lastEvent = System.nanoTime();
            if (count > 0 && printed >= count) {
              break;
            }
          }
          out.flush();
          if (!done.isEmpty()) {
            consumer.commitSync(done);
            done.clear();
          }
          if (timeoutNanos > 0 && System.nanoTime() - lastEvent >= timeoutNanos) {
            break;
          }
        }
      } catch (WakeupException stopping) {
        // Ctrl-C: fall through to close the consumer (leaves the group at once).
      } finally {
        out.flush();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
          // The hook is running and waits for this close.
        }
      }
    } finally {
      closed.countDown();
    }
    return 0;
  }

  private void print(PrintWriter out, PrintWriter err, EventJsonCodec codec, ConsumerRecord<String, byte[]> record) {
    CorrelatedEvent event;
    try {
      event = codec.decode(record.value());
    } catch (IllegalArgumentException e) {
      err.println("events tail: " + EventFeed.notAnEvent(record, e));
      return;
    }
    if (!verbose) {
      out.println(EventLine.of(event));
      return;
    }
    StringBuilder headers = new StringBuilder();
    for (Header header : record.headers()) {
      headers.append(headers.length() == 0 ? "" : ", ").append(header.key()).append('=')
          .append(header.value() == null ? "null" : new String(header.value(), StandardCharsets.UTF_8));
    }
    out.println("--- " + record.topic() + " partition " + record.partition() + " offset " + record.offset()
        + " timestamp " + java.time.Instant.ofEpochMilli(record.timestamp()) + " key " + record.key());
    out.println("headers: " + headers);
    out.println(new String(record.value(), StandardCharsets.UTF_8));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(java.util.concurrent.TimeUnit.SECONDS.toMillis(10), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
