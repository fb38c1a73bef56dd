package io.telemetry.correlation.rule;

import java.time.Instant;
import java.util.Optional;

/**
 * The logic of one rule instance for one correlation key: a pure state machine over event time.
 *
 * <p>Contract with the runtime:
 * <ul>
 *   <li>No I/O, no wall clock, no randomness: the same records give the same states and events.
 *       This is what makes a replay after a crash produce exactly the events of an uninterrupted run.</li>
 *   <li>Records of one key arrive in Kafka order, which may differ from event-time order by up to
 *       the lateness bound ({@code telemetry.correlation.lateness}); records later than that are
 *       counted and dropped by the runtime before they get here. Rules order by event time
 *       themselves where it matters.</li>
 *   <li>The state type is a Jackson-serializable record: the runtime writes it to the changelog
 *       topic and reads it back on restart or when another instance takes the partition over.
 *       Keep it small (bounded by windows and thresholds).</li>
 *   <li>The watermark is the event time below which the key's partition will accept no more
 *       records (the highest sample time seen on the partition minus the lateness bound). It only
 *       moves forward. Timers (quiet periods, windows closing) fire from it.</li>
 * </ul>
 *
 * @param <S> the state type
 */
public interface KeyCorrelation<S> {

  /** The state's class, for the changelog codec. */
  Class<S> stateType();

  /** The state of a key never seen before. */
  S initialState(String key);

  /** One record of this key. */
  Step<S> onRecord(String key, S state, MetricRecord record);

  /** The partition's watermark moved past {@link #nextTimer(Object)}. */
  Step<S> onWatermark(String key, S state, Instant watermark);

  /** When the key next needs {@link #onWatermark}, or empty when it waits for records only. */
  Optional<Instant> nextTimer(S state);

  /** True when the state holds nothing worth keeping; the runtime then deletes it from the changelog. */
  boolean isEmpty(S state);
}
