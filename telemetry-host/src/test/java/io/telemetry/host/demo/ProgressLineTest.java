package io.telemetry.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.telemetry.pipeline.PipelineEntry;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.pipeline.SinkCounters;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-sink part of the demo's progress. */
class ProgressLineTest {

  private final PipelineMetrics metrics = new PipelineMetrics();
  private final ProgressLine progress = new ProgressLine(metrics, new NoEntry(), 1, Duration.ofSeconds(1));
  private Locale locale;

  @BeforeEach
  void englishDigits() {
    locale = Locale.getDefault();
    Locale.setDefault(Locale.US);
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(locale);
  }

  @Test
  void kafkaFirstWithWhatItCountsThenEveryOtherSinkInFull() {
    metrics.sink("kafka").written(1234, 5000);
    SinkCounters influx = metrics.sink("influx");
    influx.written(1200, 4800);
    influx.retried();
    influx.retried();
    influx.rejected(3);
    influx.dropped(10);

    assertEquals("kafka 1,234 written | influx 1,200 written 2 retried 3 rejected 10 dropped buf 0", progress.sinks());
  }

  @Test
  void kafkaShowsDropsAndFailuresWhenThereAreAny() {
    SinkCounters kafka = metrics.sink("kafka");
    kafka.written(5, 50);
    kafka.dropped(7);
    kafka.failed(2);

    assertEquals("kafka 5 written 7 dropped 2 failed", progress.sinks());
  }

  private static final class NoEntry implements PipelineEntry {
    @Override
    public boolean hasRoom() {
      return true;
    }

    @Override
    public boolean offer(PollBatch batch) {
      return true;
    }

    @Override
    public int depth() {
      return 0;
    }

    @Override
    public int capacity() {
      return 1;
    }
  }
}
