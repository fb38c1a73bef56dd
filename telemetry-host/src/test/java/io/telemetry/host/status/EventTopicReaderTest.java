package io.telemetry.host.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventTopicReaderTest {

  @Test
  void thePatternMatchesEveryRulesTopicAndNothingElse() {
    Pattern topics = EventTopicReader.topicRegex("telemetry.events.{rule}");
    assertTrue(topics.matcher("telemetry.events.interface-flap").matches());
    assertTrue(topics.matcher("telemetry.events.a.b").matches());
    assertFalse(topics.matcher("telemetry.events.").matches());
    assertFalse(topics.matcher("telemetryXevents.flap").matches(), "dots are literal");
    assertFalse(topics.matcher("telemetry.metrics.interface").matches());
    assertFalse(topics.matcher("telemetry.correlation.flap.changelog").matches());
  }

  @Test
  void aSuffixAfterTheRuleIsKept() {
    Pattern topics = EventTopicReader.topicRegex("ev.{rule}.out");
    assertTrue(topics.matcher("ev.flap.out").matches());
    assertFalse(topics.matcher("ev.flap").matches());
  }

  @Test
  void aPatternWithoutRuleIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EventTopicReader.topicRegex("telemetry.events"));
    assertTrue(e.getMessage().contains("telemetry.correlation.event-topic-pattern"), e.getMessage());
  }
}
