package io.telemetry.device;

import io.telemetry.collect.PollResult;
import io.telemetry.sample.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns one device's raw counters into per-second rates. Keeps the last reading of every counter
 * of every series (by {@link Sample#seriesKey()}); one instance per device, owned by the device
 * actor, not thread-safe.
 *
 * <p>Rules, in order of priority:
 * <ol>
 *   <li>Reset signals give no rate for that step and make the new reading the baseline: the device
 *       rebooted (uptime went backwards, or grew by clearly less than the wall time since the
 *       last poll: all series of the device restart), or the sample's discontinuity token changed
 *       (interface re-created, counters cleared).</li>
 *   <li>No rate for the first reading of a series or counter, for a counter absent from this
 *       reading, or when the sample time did not advance.</li>
 *   <li>A counter that went backwards: 32-bit counters wrapped (delta = 2^32 - prev + cur);
 *       64-bit counters wrapped only when the wrapped delta is plausible, that is at most half
 *       the counter range (2^63); otherwise they were reset (no rate). Clearing a 64-bit counter
 *       makes it go back by far less than 2^63, so it can never look like a wrap.</li>
 * </ol>
 * Counters are unsigned: values above {@link Long#MAX_VALUE} arrive as negative longs and are
 * compared and subtracted as unsigned numbers.
 */
public final class CounterRates {

  /** Series not seen for this long are forgotten (removed interfaces, subscriber units). */
  public static final Duration DEFAULT_FORGET_AFTER = Duration.ofHours(1);

  /** Uptime may lag the wall time between polls by this much before it counts as a reboot. */
  static final Duration UPTIME_SLACK = Duration.ofSeconds(60);

  private static final double TWO_POW_64 = 0x1p64;

  private final Duration forgetAfter;
  private final Map<String, SeriesState> series = new HashMap<>();
  private Optional<UptimeReading> uptime = Optional.empty();

  public CounterRates() {
    this(DEFAULT_FORGET_AFTER);
  }

  public CounterRates(Duration forgetAfter) {
    this.forgetAfter = Objects.requireNonNull(forgetAfter, "forgetAfter");
  }

  /** Continues from a snapshot taken elsewhere (e.g. on the node the device moved from). */
  public static CounterRates fromSnapshot(Snapshot snapshot, Duration forgetAfter) {
    CounterRates rates = new CounterRates(forgetAfter);
    rates.series.putAll(snapshot.series());
    rates.uptime = snapshot.uptime();
    return rates;
  }

  public static CounterRates fromSnapshot(Snapshot snapshot) {
    return fromSnapshot(snapshot, DEFAULT_FORGET_AFTER);
  }

  /** The poll's samples, in the same order, with {@link Sample#rates()} filled where possible. */
  public List<Sample> apply(PollResult poll) {
    Optional<Instant> pollTime = poll.samples().stream().map(Sample::time).max(Instant::compareTo);
    if (rebooted(poll.deviceUptimeSeconds(), pollTime)) {
      series.clear(); // every counter of the device restarted, including series absent from this poll
    }
    if (poll.deviceUptimeSeconds().isPresent() && pollTime.isPresent()) {
      uptime = Optional.of(new UptimeReading(poll.deviceUptimeSeconds().getAsLong(), pollTime.get()));
    }

    List<Sample> out = new ArrayList<>(poll.samples().size());
    for (Sample sample : poll.samples()) {
      out.add(withRates(sample));
    }
    pollTime.ifPresent(this::forgetOlderThan);
    return out;
  }

  /** An immutable copy of the state, to carry a device's last readings to another node. */
  public Snapshot snapshot() {
    return new Snapshot(uptime, series);
  }

  private boolean rebooted(OptionalLong uptimeNow, Optional<Instant> pollTime) {
    if (uptimeNow.isEmpty() || uptime.isEmpty()) {
      return false;
    }
    UptimeReading last = uptime.get();
    long now = uptimeNow.getAsLong();
    if (now < last.seconds()) {
      return true;
    }
    // A reboot during a long gap can leave the uptime above its last value but far below it
    // plus the time that passed.
    if (pollTime.isPresent()) {
      long elapsed = Duration.between(last.at(), pollTime.get()).toSeconds();
      long slack = Math.max(UPTIME_SLACK.toSeconds(), elapsed / 100); // clocks drift ~1% at worst
      return elapsed > 0 && now + slack < last.seconds() + elapsed;
    }
    return false;
  }

  private Sample withRates(Sample sample) {
    if (sample.counters().isEmpty()) {
      return sample;
    }
    String key = sample.seriesKey();
    SeriesState previous = series.get(key);
    Map<String, Reading> readings = new HashMap<>();
    Map<String, Double> rates = new HashMap<>();
    if (previous != null && previous.discontinuity().equals(sample.discontinuity())) {
      // Keep readings of counters absent this time, so that a counter that skips a poll still
      // gets a rate against its last reading later.
      readings.putAll(previous.counters());
      sample.counters().forEach((name, value) -> {
        Reading last = previous.counters().get(name);
        if (last != null) {
          rate(last, value, sample.time(), sample.counterBits()).ifPresent(r -> rates.put(name, r));
        }
      });
    }
    sample.counters().forEach((name, value) -> readings.put(name, new Reading(value, sample.time())));
    series.put(key, new SeriesState(sample.discontinuity(), readings, sample.time()));
    return rates.isEmpty() ? sample : sample.withRates(rates);
  }

  /** Per-second rate from {@code last} to {@code value}, or empty for no time advance or a reset. */
  static Optional<Double> rate(Reading last, long value, Instant time, int counterBits) {
    Duration elapsed = Duration.between(last.time(), time);
    if (elapsed.isNegative() || elapsed.isZero()) {
      return Optional.empty();
    }
    Optional<Double> delta = counterBits == 32 ? delta32(last.value(), value) : delta64(last.value(), value);
    double seconds = elapsed.getSeconds() + elapsed.getNano() / 1e9;
    return delta.map(d -> d / seconds);
  }

  private static Optional<Double> delta32(long previous, long current) {
    long max = 0xFFFF_FFFFL;
    if (Long.compareUnsigned(previous, max) > 0 || Long.compareUnsigned(current, max) > 0) {
      return Optional.empty(); // not a 32-bit reading: no trustworthy delta
    }
    return Optional.of((double) ((current - previous) & max)); // wraps modulo 2^32
  }

  private static Optional<Double> delta64(long previous, long current) {
    long delta = current - previous; // modulo 2^64: the forward difference, wrapped if cur < prev
    if (Long.compareUnsigned(current, previous) >= 0) {
      return Optional.of(unsignedToDouble(delta));
    }
    // Went backwards: a wrap only if the wrapped distance is at most half the range.
    return Long.compareUnsigned(delta, Long.MIN_VALUE) <= 0 ? Optional.of(unsignedToDouble(delta)) : Optional.empty();
  }

  static double unsignedToDouble(long value) {
    return value >= 0 ? value : value + TWO_POW_64;
  }

  private void forgetOlderThan(Instant now) {
    Instant cutoff = now.minus(forgetAfter);
    series.values().removeIf(state -> state.lastSeen().isBefore(cutoff));
  }

  /** The last reading of one counter. {@code value} is unsigned (see the class comment). */
  public record Reading(long value, Instant time) {
    public Reading {
      Objects.requireNonNull(time, "time");
    }
  }

  /** The last readings of one series and the discontinuity token they were taken under. */
  public record SeriesState(String discontinuity, Map<String, Reading> counters, Instant lastSeen) {
    public SeriesState {
      Objects.requireNonNull(discontinuity, "discontinuity");
      Objects.requireNonNull(lastSeen, "lastSeen");
      counters = Map.copyOf(counters);
    }
  }

  /** The device uptime at the last poll that reported one, and when that poll was. */
  public record UptimeReading(long seconds, Instant at) {
    public UptimeReading {
      Objects.requireNonNull(at, "at");
    }
  }

  /** All state of one device's rates: plain immutable data, safe to serialize and send. */
  public record Snapshot(Optional<UptimeReading> uptime, Map<String, SeriesState> series) {
    public Snapshot {
      Objects.requireNonNull(uptime, "uptime");
      series = Map.copyOf(series);
    }

    public static Snapshot empty() {
      return new Snapshot(Optional.empty(), Map.of());
    }
  }
}
