package io.telemetry.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetry.host.influx.EmbeddedInflux;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What an InfluxDB 1.x database holds, read back with InfluxQL ({@code /query}). */
public final class InfluxPoints {

  /**
   * One stored point.
   *
   * @param fields the point's values as InfluxDB answered them (JSON numbers; a float that is a
   *               whole number comes back without a decimal point, so types are in {@link #fieldTypes})
   */
  public record Point(String measurement, Map<String, String> tags, long time, Map<String, JsonNode> fields) {

    /** Device, measurement and tags: the InfluxDB series. */
    public String series() {
      return tags.get("device") + "/" + measurement + tags;
    }
  }

  private InfluxPoints() {}

  /** Every point of every measurement of the database. */
  public static List<Point> all(EmbeddedInflux influx, String database) {
    return select(influx, database, "SELECT * FROM /.*/ GROUP BY *");
  }

  /** The points a {@code SELECT ... GROUP BY *} returns, one per row. */
  public static List<Point> select(EmbeddedInflux influx, String database, String influxql) {
    JsonNode result = influx.query(database, influxql).path("results").path(0);
    if (result.path("partial").asBoolean(false)) {
      throw new AssertionError("InfluxDB answered only part of [" + influxql + "]");
    }
    List<Point> points = new ArrayList<>();
    for (JsonNode series : result.path("series")) {
      // GROUP BY * lists every tag key of the query's measurements; "" means the point has no such tag.
      Map<String, String> tags = new TreeMap<>();
      series.path("tags").fields().forEachRemaining(tag -> {
        if (!tag.getValue().asText().isEmpty()) {
          tags.put(tag.getKey(), tag.getValue().asText());
        }
      });
      List<String> columns = new ArrayList<>();
      series.path("columns").forEach(column -> columns.add(column.asText()));
      for (JsonNode row : series.path("values")) {
        Map<String, JsonNode> fields = new TreeMap<>();
        for (int i = 1; i < columns.size(); i++) {
          if (!row.get(i).isNull()) {
            fields.put(columns.get(i), row.get(i));
          }
        }
        points.add(new Point(series.path("name").asText(), Map.copyOf(tags), row.get(0).asLong(), fields));
      }
    }
    return points;
  }

  /** The type InfluxDB keeps for each field ({@code integer}, {@code float}, ...), by measurement. */
  public static Map<String, Map<String, String>> fieldTypes(EmbeddedInflux influx, String database) {
    Map<String, Map<String, String>> types = new TreeMap<>();
    for (JsonNode series : influx.query(database, "SHOW FIELD KEYS").path("results").path(0).path("series")) {
      Map<String, String> fields = types.computeIfAbsent(series.path("name").asText(), k -> new TreeMap<>());
      for (Iterator<JsonNode> rows = series.path("values").elements(); rows.hasNext(); ) {
        JsonNode row = rows.next();
        fields.put(row.get(0).asText(), row.get(1).asText());
      }
    }
    return types;
  }
}
