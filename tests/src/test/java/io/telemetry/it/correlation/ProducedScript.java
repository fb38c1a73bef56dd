package io.telemetry.it.correlation;

import io.telemetry.correlation.rule.Evidence;
import io.telemetry.correlation.scenario.RuleScenario;
import io.telemetry.correlation.scenario.ScriptedSample;
import io.telemetry.sample.Sample;
import io.telemetry.sink.kafka.SampleJsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;

/**
 * A scenario's script produced as real metric records (SampleJsonCodec JSON, key = device), with
 * its devices renamed so that the default partitioner puts them on one chosen partition, and where
 * each script line landed.
 *
 * @param scenario  the script
 * @param partition the partition every record of the script is on
 * @param devices   script device -> device produced
 * @param landed    per script index, the record's topic, partition, offset and sample time
 */
record ProducedScript(RuleScenario scenario, int partition, Map<String, String> devices, List<Evidence> landed) {

  private static final SampleJsonCodec CODEC = new SampleJsonCodec();

  /** The devices of {@code scenario} renamed to land on {@code partition} of {@code partitions}. */
  static Map<String, String> devicesOn(RuleScenario scenario, int tag, int partition, int partitions) {
    Map<String, String> devices = new HashMap<>();
    for (ScriptedSample sample : scenario.samples()) {
      devices.computeIfAbsent(sample.device(), device -> {
        for (int n = 0; ; n++) {
          String candidate = device + "-s" + tag + "-" + n;
          // Kafka's default partitioner for a keyed record (murmur2 of the serialized key).
          if (Utils.toPositive(Utils.murmur2(candidate.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
            return candidate;
          }
        }
      });
    }
    return Map.copyOf(devices);
  }

  /**
   * Produces the script lines {@code indexes} to {@code group}'s topics, keyed by device, one at a
   * time (each acknowledged before the next is sent: the script's order is the partitions' order).
   */
  static Map<Integer, RecordMetadata> send(KafkaProducer<String, byte[]> producer, ScenarioGroup group,
      RuleScenario scenario, Map<String, String> devices, List<Integer> indexes) {
    Map<Integer, RecordMetadata> sent = new HashMap<>();
    for (int i : indexes) {
      ScriptedSample s = scenario.samples().get(i);
      String device = devices.get(s.device());
      byte[] value = CODEC.encode(
          new Sample(device, s.family(), s.time(), s.tags(), Map.of(), s.gauges(), s.rates(), 64, ""), "node-it");
      try {
        sent.put(i, producer.send(new ProducerRecord<>(group.topic(s.family()), device, value)).get(30, TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new AssertionError(scenario.name() + ": cannot produce script line " + i + " to "
            + group.topic(s.family()) + ": " + e, e);
      }
    }
    return sent;
  }

  /** Where the lines landed; fails unless every one is on {@code partition}. */
  static ProducedScript landed(RuleScenario scenario, int partition, Map<String, String> devices,
      Map<Integer, RecordMetadata> sent) {
    List<Evidence> landed = new ArrayList<>();
    for (int i = 0; i < scenario.samples().size(); i++) {
      RecordMetadata metadata = sent.get(i);
      if (metadata.partition() != partition) {
        throw new AssertionError(scenario.name() + ": line " + i + " of device " + devices
            + " landed on partition " + metadata.partition() + ", not " + partition);
      }
      landed.add(new Evidence(metadata.topic(), metadata.partition(), metadata.offset(),
          scenario.samples().get(i).time()));
    }
    return new ProducedScript(scenario, partition, devices, List.copyOf(landed));
  }

  Set<String> producedDevices() {
    return Set.copyOf(devices.values());
  }
}
