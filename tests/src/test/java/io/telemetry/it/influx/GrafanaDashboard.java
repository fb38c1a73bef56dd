package io.telemetry.it.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Grafana dashboard file of {@code dashboards/} read as the test needs it: its InfluxQL query
 * variables (in order, as later ones may use earlier ones) and every InfluxQL query of its panels.
 * Reading fails, naming the file and the place, when the model is not what Grafana imports for an
 * InfluxDB datasource chosen by the {@code datasource} variable, or when the file holds a query
 * outside those places (one no panel or variable would run).
 */
record GrafanaDashboard(String file, String title, List<Variable> variables, List<PanelQuery> queries) {

  /** A query variable: {@code allValue} is what Grafana puts in for "All" (null: the values joined). */
  record Variable(String name, String query, String allValue) {}

  /** One target of one panel: what the test runs. */
  record PanelQuery(String panel, String refId, String query) {
    String where() {
      return "panel \"" + panel + "\" target " + refId;
    }
  }

  static final String DATASOURCE_VARIABLE = "datasource";
  private static final String DATASOURCE_UID = "${" + DATASOURCE_VARIABLE + "}";
  private static final ObjectMapper JSON = new ObjectMapper();

  static GrafanaDashboard read(Path path) {
    JsonNode root;
    try {
      root = JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("dashboard " + path + " is not JSON", e);
    }
    String file = path.getFileName().toString();
    require(root.path("schemaVersion").asInt() >= 36, file, "schemaVersion (36 or later expected): " + root.path("schemaVersion"));
    require(!root.path("uid").asText().isBlank() && !root.path("title").asText().isBlank(), file, "a uid and a title");

    List<Variable> variables = variables(file, root.path("templating").path("list"));
    List<PanelQuery> queries = new ArrayList<>();
    JsonNode panels = root.path("panels");
    require(panels.isArray() && !panels.isEmpty(), file, "panels (there are none)");
    panels.forEach(panel -> collect(file, panel, queries));
    require(!queries.isEmpty(), file, "at least one panel with an InfluxQL query");

    // Every "query" anywhere in the file must be one of those the test runs.
    List<String> known = new ArrayList<>(queries.stream().map(PanelQuery::query).toList());
    variables.forEach(v -> known.add(v.query()));
    known.add("influxdb"); // the datasource variable's plugin type
    List<String> everywhere = new ArrayList<>();
    allQueries(root, everywhere);
    everywhere.forEach(q -> require(known.contains(q), file, "no query outside panel targets and variables, found: " + q));
    return new GrafanaDashboard(file, root.path("title").asText(), List.copyOf(variables), List.copyOf(queries));
  }

  private static List<Variable> variables(String file, JsonNode list) {
    List<Variable> variables = new ArrayList<>();
    boolean datasource = false;
    for (JsonNode v : list) {
      String name = v.path("name").asText();
      switch (v.path("type").asText()) {
        case "datasource" -> {
          require(name.equals(DATASOURCE_VARIABLE) && v.path("query").asText().equals("influxdb"), file,
              "the datasource variable to be named " + DATASOURCE_VARIABLE + " and to list influxdb datasources: " + v);
          datasource = true;
        }
        case "query" -> {
          require(isOurDatasource(v.path("datasource")), file, "variable " + name + " to use " + DATASOURCE_UID);
          JsonNode query = v.path("query").isObject() ? v.path("query").path("query") : v.path("query");
          require(query.asText().startsWith("SHOW TAG VALUES"), file, "variable " + name + " to be a SHOW TAG VALUES query: " + query);
          variables.add(new Variable(name, query.asText(), v.hasNonNull("allValue") ? v.get("allValue").asText() : null));
        }
        default -> throw new AssertionError(file + ": variable " + name + " has a type the test does not know: " + v.path("type"));
      }
    }
    require(datasource, file, "a datasource variable of type influxdb");
    return variables;
  }

  private static void collect(String file, JsonNode panel, List<PanelQuery> queries) {
    String title = panel.path("title").asText();
    String type = panel.path("type").asText();
    require(panel.path("gridPos").has("w") && panel.path("gridPos").has("h"), file, "a gridPos for panel \"" + title + "\"");
    switch (type) {
      case "row" -> panel.path("panels").forEach(inner -> collect(file, inner, queries));
      case "text" -> require(!panel.has("targets") || panel.path("targets").isEmpty(), file,
          "no targets on text panel \"" + title + "\"");
      default -> {
        require(isOurDatasource(panel.path("datasource")), file, "panel \"" + title + "\" to use " + DATASOURCE_UID);
        JsonNode targets = panel.path("targets");
        require(targets.isArray() && !targets.isEmpty(), file, "queries on panel \"" + title + "\"");
        for (JsonNode target : targets) {
          String where = "panel \"" + title + "\" target " + target.path("refId").asText();
          require(target.path("rawQuery").asBoolean(false), file, "rawQuery true on " + where);
          require(!target.path("query").asText().isBlank(), file, "an InfluxQL query on " + where);
          require(!target.has("datasource") || isOurDatasource(target.path("datasource")), file, where + " to use " + DATASOURCE_UID);
          queries.add(new PanelQuery(title, target.path("refId").asText(), target.path("query").asText()));
        }
      }
    }
  }

  private static boolean isOurDatasource(JsonNode datasource) {
    return datasource.path("type").asText().equals("influxdb") && datasource.path("uid").asText().equals(DATASOURCE_UID);
  }

  private static void allQueries(JsonNode node, List<String> found) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().equals("query") && field.getValue().isTextual()) {
          found.add(field.getValue().asText());
        } else {
          allQueries(field.getValue(), found);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> allQueries(child, found));
    }
  }

  private static void require(boolean condition, String file, String what) {
    if (!condition) {
      throw new AssertionError("dashboard " + file + " needs " + what);
    }
  }
}
