package io.telemetry.sink.influx;

import io.telemetry.logging.DeviceMdc;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs values the encoder left out: the first time per series and field at WARN, repeats at
 * DEBUG (a counter above 2^63 stays there for every poll). One per stream materialisation, used
 * from its stage only.
 */
final class SkippedValuesLog {

  private static final Logger log = LoggerFactory.getLogger(SkippedValuesLog.class);
  private static final int MAX_REMEMBERED = 10_000;

  private final String sinkName;
  private final Set<String> seen = new HashSet<>();

  SkippedValuesLog(String sinkName) {
    this.sinkName = sinkName;
  }

  void log(EncodedBatch batch) {
    for (EncodedSample sample : batch.samples()) {
      for (String skipped : sample.skipped()) {
        String key = sample.series() + " " + skipped.substring(0, Math.max(0, skipped.indexOf(':')));
        if (seen.size() >= MAX_REMEMBERED) {
          seen.clear();
        }
        boolean first = seen.add(key);
        DeviceMdc.log(sample.sample().device(), () -> {
          if (first) {
            log.warn("{}: device {}: series {}: value not written to InfluxDB: {} (repeats of this are logged at DEBUG)",
                sinkName, sample.sample().device(), sample.series(), skipped);
          } else {
            log.debug("{}: device {}: series {}: value not written to InfluxDB: {}", sinkName,
                sample.sample().device(), sample.series(), skipped);
          }
        });
      }
    }
  }
}
