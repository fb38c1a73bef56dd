package io.telemetry.host.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The status page's answers as JSON. */
final class StatusJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StatusJson() {}

  static String write(Object status) {
    try {
      return MAPPER.writeValueAsString(status);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the status as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
