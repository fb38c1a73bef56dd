package io.telemetry.host.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** {@link ClusterStatus} to and from the JSON of {@code GET /telemetry/cluster}. */
public final class ClusterStatusJson {

  // Unknown fields are ignored so that an older CLI can read a newer node's answer.
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ClusterStatusJson() {}

  public static String write(ClusterStatus status) {
    try {
      return MAPPER.writeValueAsString(status);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the cluster status as JSON", e);
    }
  }

  /** @param source names where the JSON came from, for the error message */
  public static ClusterStatus read(String json, String source) {
    try {
      return MAPPER.readValue(json, ClusterStatus.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " did not answer a cluster status: " + e.getOriginalMessage());
    }
  }
}
