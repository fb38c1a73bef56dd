package io.telemetry.correlation.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.rule.Evidence;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonCodecTest {

  private final EventJsonCodec codec = new EventJsonCodec();
  private final Instant opened = Instant.parse("2026-01-05T08:00:10Z");
  private final Evidence later = new Evidence("t.metrics", 1, 7, opened.plusSeconds(5));
  private final Evidence earlier = new Evidence("t.metrics", 1, 5, opened);

  private CorrelatedEvent cleared() {
    return new CorrelatedEvent("flaps", "interface-flap", "r1|ge-0/0/1", EventState.CLEARED, "major", "r1",
        "ge-0/0/1", opened, opened.plusSeconds(300), "quiet again", List.of(later, earlier),
        Map.of("z", "1", "a", "2"));
  }

  @Test
  void writesTheDocumentedFieldsInOrderWithNanosecondTimesAndSortedDetails() {
    String json = new String(codec.encode(cleared()), StandardCharsets.UTF_8);
    String id = CorrelatedEvent.eventId("flaps", "r1|ge-0/0/1", opened);
    assertEquals("{\"schema\":1,\"event_id\":\"" + id + "\",\"rule\":\"flaps\",\"rule_type\":\"interface-flap\","
        + "\"key\":\"r1|ge-0/0/1\",\"state\":\"cleared\",\"severity\":\"major\",\"device\":\"r1\","
        + "\"subject\":\"ge-0/0/1\",\"opened\":\"2026-01-05T08:00:10.000000000Z\","
        + "\"closed\":\"2026-01-05T08:05:10.000000000Z\",\"summary\":\"quiet again\",\"evidence\":["
        + "{\"topic\":\"t.metrics\",\"partition\":1,\"offset\":5,\"time\":\"2026-01-05T08:00:10.000000000Z\"},"
        + "{\"topic\":\"t.metrics\",\"partition\":1,\"offset\":7,\"time\":\"2026-01-05T08:00:15.000000000Z\"}],"
        + "\"details\":{\"a\":\"2\",\"z\":\"1\"}}", json);
  }

  @Test
  void decodesWhatItWritesIncludingANullClosedTime() {
    CorrelatedEvent raised = new CorrelatedEvent("flaps", "interface-flap", "r1|ge-0/0/1", EventState.RAISED,
        "major", "r1", "ge-0/0/1", opened.plusNanos(123), null, "flapping", List.of(earlier), Map.of());
    assertEquals(raised, codec.decode(codec.encode(raised)));
    assertEquals(cleared(), codec.decode(codec.encode(cleared())));
    assertTrue(new String(codec.encode(raised), StandardCharsets.UTF_8).contains("\"closed\":null"));
  }

  @Test
  void refusesAnEventWhoseIdDoesNotMatchItsContent() {
    String json = new String(codec.encode(cleared()), StandardCharsets.UTF_8).replace("\"rule\":\"flaps\"", "\"rule\":\"other\"");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> codec.decode(json.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("event_id"), e.getMessage());
  }
}
