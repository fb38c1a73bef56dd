package io.telemetry.host.demo;

import io.telemetry.sink.kafka.SampleJsonCodec;
import io.telemetry.sink.kafka.SampleRecord;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the metric topics as any consumer would and keeps the last few records for display. */
public final class KafkaTail implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deque<String> last = new ArrayDeque<>();
  private final int keep;
  private final Thread thread;
  private final SampleJsonCodec codec = new SampleJsonCodec();

  public KafkaTail(String bootstrapServers, int keep) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "telemetry-demo-tail");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.keep = keep;
    this.thread = new Thread(this::run, "demo-kafka-tail");
    this.thread.setDaemon(true);
  }

  public KafkaTail start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(Pattern.compile("telemetry\\.metrics\\..*"));
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          remember(record);
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void remember(ConsumerRecord<String, byte[]> record) {
    String line;
    try {
      SampleRecord sample = codec.decode(record.value());
      line = String.format("%s p%d@%d key=%s %s %s %s", record.topic(), record.partition(), record.offset(),
          record.key(), sample.tags(), sample.counters().isEmpty() ? sample.gauges() : sample.counters(),
          sample.rates().isEmpty() ? "" : "rates=" + sample.rates());
    } catch (RuntimeException e) {
      line = record.topic() + " key=" + record.key() + " (not a schema-1 record: " + e.getMessage() + ")";
    }
    if (line.length() > 160) {
      line = line.substring(0, 157) + "...";
    }
    synchronized (last) {
      last.addLast(line);
      while (last.size() > keep) {
        last.removeFirst();
      }
    }
  }

  public List<String> lastRecords() {
    synchronized (last) {
      return new ArrayList<>(last);
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
