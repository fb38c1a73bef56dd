package io.telemetry.it.correlation;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.rule.Evidence;
import io.telemetry.correlation.runtime.EventRecords;
import io.telemetry.correlation.scenario.ExpectedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The facts of events a scenario test compares: expected ones from a produced script, actual ones from the event topic. */
final class ScenarioEvents {

  private ScenarioEvents() {}

  /** What is compared of one event. */
  record Facts(String eventId, String rule, String key, String device, EventState state, Instant opened,
      Instant closed, List<Evidence> evidence) {}

  /**
   * The events {@code script} must give, grouped by event key in emission order: the script's
   * devices renamed, evidence = where the cited lines landed, the id worked out as
   * docs/schema/events.md defines it.
   */
  static Map<String, List<Facts>> expected(String rule, ProducedScript script) {
    Map<String, List<Facts>> byKey = new TreeMap<>();
    for (ExpectedEvent e : script.scenario().expected()) {
      String scriptDevice = e.key().substring(0, e.key().indexOf('|'));
      String device = script.devices().get(scriptDevice);
      if (device == null) {
        throw new IllegalStateException(script.scenario().name() + ": key " + e.key() + " names no device of the script");
      }
      String key = device + e.key().substring(scriptDevice.length());
      List<Evidence> evidence = e.evidence().stream().map(i -> script.landed().get(i)).sorted(Evidence.ORDER).toList();
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(
          new Facts(eventId(rule, key, e.opened()), rule, key, device, e.state(), e.opened(), e.closed(), evidence));
    }
    return byKey;
  }

  /**
   * The events read (in partition and offset order), grouped by event key; checks on the way that
   * the record key is the event key and the event-id header matches the value.
   */
  static Map<String, List<Facts>> actual(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, List<Facts>> byKey = new TreeMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      CorrelatedEvent e = CorrelationFixture.EVENTS.decode(record.value());
      Header id = record.headers().lastHeader(EventRecords.EVENT_ID_HEADER);
      String header = id == null ? null : new String(id.value(), StandardCharsets.UTF_8);
      if (!e.key().equals(record.key()) || !e.eventId().equals(header)) {
        throw new AssertionError("event at " + record.topic() + "/" + record.partition() + "@" + record.offset()
            + ": record key " + record.key() + " / header id " + header + " do not match the value " + e);
      }
      byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(new Facts(e.eventId(), e.rule(), e.key(), e.device(),
          e.state(), e.opened(), e.closed(), e.evidence()));
    }
    return byKey;
  }

  /** First 128 bits of SHA-256 over "rule\nkey\nepochSeconds.nanos", hex (docs/schema/events.md). */
  static String eventId(String rule, String key, Instant opened) {
    String identity = rule + "\n" + key + "\n" + opened.getEpochSecond() + "." + opened.getNano();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
