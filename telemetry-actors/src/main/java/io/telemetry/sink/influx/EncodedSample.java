package io.telemetry.sink.influx;

import io.telemetry.sample.Sample;
import java.util.List;

/**
 * One sample as a line of line protocol.
 *
 * @param sample  the sample
 * @param line    the line without its newline; {@code null} when no value could be written
 * @param fields  values written in the line
 * @param skipped one entry per value left out, saying which and why ({@code "in_octets: ..."})
 */
public record EncodedSample(Sample sample, String line, int fields, List<String> skipped) {

  public EncodedSample {
    skipped = List.copyOf(skipped);
  }

  public boolean hasLine() {
    return line != null;
  }

  /** The series as people read it: {@code device/family,tag=value,...}. */
  public String series() {
    return sample.device() + "/" + sample.seriesKey();
  }
}
