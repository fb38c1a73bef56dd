package io.telemetry.correlation.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of key states and task metadata in the changelog topic. Rules' state records are
 * written with this mapper (Instant as RFC 3339 text, Optional, map keys sorted) and read back on
 * restore; rule tests can round-trip their states through {@link #mapper()}.
 */
public final class StateJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new Jdk8Module())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      // A state written by an older version with a field since removed still restores.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private StateJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Object state) {
    try {
      return MAPPER.writeValueAsBytes(state);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state " + state.getClass().getName() + " as JSON", e);
    }
  }

  public static <S> S read(byte[] json, Class<S> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a " + type.getName() + " from the changelog", e);
    }
  }
}
