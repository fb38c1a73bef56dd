package io.telemetry.host.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventRingTest {

  private static LocalStatus.Event event(String id) {
    return new LocalStatus.Event("telemetry.events.r", id, "r", "interface-flap", "raised", "major", "d", "s",
        "2026-01-01T00:00:00Z", null, "summary " + id);
  }

  private static List<String> ids(EventRing ring) {
    return ring.newestFirst().stream().map(LocalStatus.Event::eventId).toList();
  }

  @Test
  void keepsTheLatestNewestFirst() {
    EventRing ring = new EventRing(3);
    for (String id : List.of("a", "b", "c", "d", "e")) {
      ring.add(event(id));
    }
    assertEquals(List.of("e", "d", "c"), ids(ring));
  }

  @Test
  void emptyAndZeroCapacity() {
    assertTrue(new EventRing(2).newestFirst().isEmpty());
    EventRing none = new EventRing(0);
    none.add(event("a"));
    assertTrue(none.newestFirst().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> new EventRing(-1));
  }
}
