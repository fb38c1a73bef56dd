package io.telemetry.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InfluxErrorTextTest {

  @Test
  void readsEachServersErrorShape() {
    assertEquals("partial write: field type conflict: input field \"in_octets\" on measurement \"interface\" is type float, already exists as type integer dropped=1",
        InfluxErrorText.of("{\"error\":\"partial write: field type conflict: input field \\\"in_octets\\\" on measurement \\\"interface\\\" is type float, already exists as type integer dropped=1\"}\n"));
    assertEquals("failure writing points to database: partial write: points beyond retention policy dropped=1",
        InfluxErrorText.of("{\"code\":\"invalid\",\"message\":\"failure writing points to database: partial write: points beyond retention policy dropped=1\"}"));
    assertEquals("parsing failed for write_lp endpoint: Expected at least one space character, got end of input",
        InfluxErrorText.of("{\"error\":\"parsing failed for write_lp endpoint\",\"data\":[{\"original_line\":\"m\",\"line_number\":1,"
            + "\"error_message\":\"Expected at least one space character, got end of input\"}]}"));
  }

  @Test
  void otherBodiesAreKeptShortened() {
    assertEquals("404 page not found", InfluxErrorText.of("404 page not found\n"));
    assertEquals("(no error text)", InfluxErrorText.of(""));
    assertEquals("{not json", InfluxErrorText.of("{not json"));
    String longBody = "x".repeat(5000);
    assertTrue(InfluxErrorText.of(longBody).length() < 1100);
  }
}
