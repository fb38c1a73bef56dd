package io.telemetry.correlation.rule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One correlated event, raised or cleared. Its content is a function of the records that caused
 * it (event time, never wall-clock time), so a replay produces the same event.
 *
 * @param rule     the rule instance name (HOCON key under telemetry.correlation.rules)
 * @param ruleType the rule type ({@code interface-flap}, ...)
 * @param key      the correlation key (device, device|interface, device|peer, ...)
 * @param state    raised or cleared
 * @param severity the instance's severity for this event (HOCON)
 * @param device   the device the event is about
 * @param subject  what on the device: an interface, a peer, an uplink, a hostgroup
 * @param opened   event time at which the condition began; part of the event id
 * @param closed   event time at which it ended; null while raised
 * @param summary  one line for a person
 * @param evidence the records that caused this phase, in {@link Evidence#ORDER}
 * @param details  rule-specific facts (counts, thresholds, peer addresses), sorted by key when written
 */
public record CorrelatedEvent(
    String rule,
    String ruleType,
    String key,
    EventState state,
    String severity,
    String device,
    String subject,
    Instant opened,
    Instant closed,
    String summary,
    List<Evidence> evidence,
    Map<String, String> details) {

  public CorrelatedEvent {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(ruleType, "ruleType");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(opened, "opened");
    Objects.requireNonNull(summary, "summary");
    if (state == EventState.CLEARED) {
      Objects.requireNonNull(closed, "closed (a cleared event has a closing time)");
    }
    evidence = evidence.stream().sorted(Evidence.ORDER).toList();
    details = Map.copyOf(details);
  }

  /**
   * The deterministic event id: the first 128 bits of SHA-256 over rule, key and opening time,
   * in hex. The raised and the cleared record of one event share it.
   */
  public String eventId() {
    return eventId(rule, key, opened);
  }

  /** See {@link #eventId()}. */
  public static String eventId(String rule, String key, Instant opened) {
    String identity = rule + '\n' + key + '\n' + opened.getEpochSecond() + '.' + opened.getNano();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
