package io.telemetry.host.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetry.host.influx.EmbeddedInflux;
import java.util.ArrayList;
import java.util.List;

/** What the demo's InfluxDB holds, read back with InfluxQL: points per measurement. */
public final class InfluxCounts {

  private InfluxCounts() {}

  /** E.g. {@code 1,200 points in interface, 300 in route_engine}; the error when the query fails. */
  public static String describe(EmbeddedInflux influx, String database) {
    try {
      // count(*) counts each field: a measurement's points are the count of its most frequent field.
      JsonNode series = influx.query(database, "SELECT count(*) FROM /.*/").path("results").path(0).path("series");
      List<String> parts = new ArrayList<>();
      for (JsonNode measurement : series) {
        long points = 0;
        for (JsonNode row : measurement.path("values")) {
          for (int i = 1; i < row.size(); i++) {
            points = Math.max(points, row.get(i).asLong());
          }
        }
        parts.add(String.format("%,d%s in %s", points, parts.isEmpty() ? " points" : "",
            measurement.path("name").asText()));
      }
      return parts.isEmpty() ? "no points yet" : String.join(", ", parts);
    } catch (RuntimeException e) {
      return "cannot query: " + e.getMessage();
    }
  }
}
