package io.telemetry.sink.influx;

import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.pipeline.SampleSink;
import io.telemetry.pipeline.SinkCounters;
import java.time.Clock;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * The InfluxDB sink of the pipeline: poll batches become line protocol (one point per sample,
 * {@link InfluxPointEncoder}), are grouped up to {@code batch-points} lines or for at most
 * {@code batch-interval}, and written over HTTP by {@link InfluxBatchWriter} with at most
 * {@code parallelism} requests in flight.
 *
 * <p>The flow emits one {@link BatchDelivery} per poll batch, in input order, once the writes
 * carrying its samples succeeded (points InfluxDB refused as bad data, and values the encoder
 * could not write, are counted as rejected and do not fail the batch), or as failed when the
 * server refused the write as misconfigured. It never fails or completes because of InfluxDB.
 * Each materialisation has its own HTTP client; when the stream stops, writes waiting for a retry
 * end as failed deliveries.
 */
public final class InfluxSampleSink implements SampleSink {

  /** The sink name in {@link BatchDelivery#sink()} and the pipeline's counters. */
  public static final String NAME = "influx";

  private final InfluxSinkSettings settings;

  public InfluxSampleSink(InfluxSinkSettings settings) {
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String name() {
    return NAME;
  }

  public InfluxSinkSettings settings() {
    return settings;
  }

  @Override
  public Flow<PollBatch, BatchDelivery, NotUsed> flow(SinkCounters counters) {
    return Flow.<PollBatch, BatchDelivery, NotUsed>fromMaterializer((materializer, attributes) -> {
          InfluxPointEncoder encoder = new InfluxPointEncoder();
          SkippedValuesLog skippedLog = new SkippedValuesLog(NAME);
          InfluxBatchWriter writer =
              new InfluxBatchWriter(settings, new InfluxHttp(settings, Clock.systemUTC()), counters, NAME);
          return Flow.<PollBatch>create()
              .map(batch -> {
                EncodedBatch encoded = EncodedBatch.of(batch, encoder);
                int skipped = encoded.skippedValues();
                if (skipped > 0) {
                  counters.rejected(skipped);
                  skippedLog.log(encoded);
                }
                return encoded;
              })
              // Weighed in lines; the count cap also bounds groups of poll batches without lines.
              .groupedWeightedWithin(settings.batchPoints(), settings.batchPoints(),
                  encoded -> (long) encoded.lineCount(), settings.batchInterval())
              .mapAsync(settings.parallelism(), writer::write)
              .mapConcat(deliveries -> deliveries)
              .watchTermination((notUsed, done) -> {
                done.whenComplete((ok, error) -> writer.close());
                return NotUsed.getInstance();
              });
        })
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }
}
