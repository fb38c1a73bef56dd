package io.telemetry.host.bench.influx;

import io.telemetry.pipeline.PollBatch;
import io.telemetry.sample.Sample;
import io.telemetry.sink.influx.EncodedSample;
import io.telemetry.sink.influx.InfluxPointEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Write request bodies built before anything is sent: the poll batches' samples encoded by the
 * sink's own {@link InfluxPointEncoder} (so the bytes are those the sink sends), one line each,
 * cut into bodies of at most {@code batchPoints} lines in input order, as the sink cuts them.
 *
 * @param bodies UTF-8 line protocol, each line ending in a newline
 * @param lines  lines in all bodies
 * @param values field values in all lines
 */
public record LineBodies(List<byte[]> bodies, long lines, long values) {

  public LineBodies {
    bodies = List.copyOf(bodies);
  }

  /** Encodes and cuts; samples without a line (none in synthetic polls) are left out. */
  public static LineBodies of(List<PollBatch> batches, int batchPoints) {
    if (batchPoints < 1) {
      throw new IllegalArgumentException("batch points must be at least 1, was " + batchPoints);
    }
    InfluxPointEncoder encoder = new InfluxPointEncoder();
    List<byte[]> bodies = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream(batchPoints * 256);
    int inBody = 0;
    long lines = 0;
    long values = 0;
    for (PollBatch batch : batches) {
      for (Sample sample : batch.samples()) {
        EncodedSample encoded = encoder.encode(sample);
        if (!encoded.hasLine()) {
          continue;
        }
        body.writeBytes(encoded.line().getBytes(StandardCharsets.UTF_8));
        body.write('\n');
        lines++;
        values += encoded.fields();
        if (++inBody == batchPoints) {
          bodies.add(body.toByteArray());
          body.reset();
          inBody = 0;
        }
      }
    }
    if (inBody > 0) {
      bodies.add(body.toByteArray());
    }
    return new LineBodies(bodies, lines, values);
  }

  public long bytes() {
    long bytes = 0;
    for (byte[] body : bodies) {
      bytes += body.length;
    }
    return bytes;
  }
}
