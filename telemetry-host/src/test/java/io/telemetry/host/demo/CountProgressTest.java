package io.telemetry.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The first count, then at most one line a second, and always the last; a repeated count never twice. */
class CountProgressTest {

  @Test
  void firstThenThrottledThenTheLast() {
    List<String> lines = new ArrayList<>();
    AtomicLong now = new AtomicLong();
    CountProgress progress = new CountProgress(lines::add, "%d/%d up", 5, Duration.ofSeconds(1), now::get);
    progress.accept(1);          // t=0: the first
    now.set(400_000_000L);
    progress.accept(2);          // t=0.4 s: too soon
    now.set(1_000_000_000L);
    progress.accept(3);          // t=1 s: a second after the last line
    progress.accept(3);          // the same count again
    now.set(1_100_000_000L);
    progress.accept(5);          // the last, however soon
    assertEquals(List.of("1/5 up", "3/5 up", "5/5 up"), lines);
  }
}
