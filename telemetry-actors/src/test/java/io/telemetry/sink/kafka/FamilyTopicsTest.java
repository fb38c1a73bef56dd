package io.telemetry.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FamilyTopicsTest {

  @Test
  void replacesTheFamilyAndMakesOtherCharactersLegal() {
    FamilyTopics topics = FamilyTopics.of("telemetry.metrics.{family}", "p");
    assertEquals("telemetry.metrics.interface", topics.topicFor("interface"));
    assertEquals("telemetry.metrics.route_engine", topics.topicFor("route_engine"));
    assertEquals("telemetry.metrics.optics_lane_3", topics.topicFor("optics lane/3"));
  }

  @Test
  void refusesFamiliesThatCannotNameATopic() {
    FamilyTopics topics = FamilyTopics.of("{family}", "p");
    assertThrows(IllegalArgumentException.class, () -> topics.topicFor(""));
    assertThrows(IllegalArgumentException.class, () -> topics.topicFor(".."));
    assertThrows(IllegalArgumentException.class, () -> topics.topicFor("x".repeat(250)));
  }
}
