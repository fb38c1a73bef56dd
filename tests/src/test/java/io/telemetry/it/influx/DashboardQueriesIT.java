package io.telemetry.it.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.host.node.TelemetryNode;
import io.telemetry.it.influx.GrafanaDashboard.PanelQuery;
import io.telemetry.it.influx.GrafanaDashboard.Variable;
import io.telemetry.it.support.Await;
import io.telemetry.it.support.InfluxdInstalled;
import io.telemetry.pipeline.PipelineMetrics;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import io.telemetry.sink.influx.InfluxSampleSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every InfluxQL query of every Grafana dashboard in {@code dashboards/}, with Grafana's macros
 * and variables filled in as Grafana would, run against the real influxd 1.6 that a node polling
 * simulated devices (every request group of the Junos collector, BGP included) has filled: each
 * must run without error and return data. Variables are tried twice: "All" (every value) and the
 * first value their own query returns (escaped as Grafana escapes a selected value).
 *
 * <p>A few stat panels are also checked for what they mean, against faults this test sets on the
 * simulated devices: one BGP session disabled, one link down, one request failing.
 */
class DashboardQueriesIT {

  private static final int DEVICES = 3;
  private static final int INTERFACES = 2;
  private static final int POLLS = 4;
  private static final String DATABASE = "dashboards";
  private static final String FAILING_RPC = "get-system-storage";
  private static final String NODE = "dashboards-node";
  private static final int INTERNAL_READINGS = 4;

  @TempDir
  static Path workDir;

  static EmbeddedInflux influx;
  static LocalStack stack;
  static int bgpSessions;
  static int bgpSessionsDown;

  @BeforeAll
  static void fillInfluxWithSimulatedDevices() {
    InfluxdInstalled.require();
    influx = EmbeddedInflux.builder().dataDir(workDir.resolve("influx")).database(DATABASE).build().start();
    stack = LocalStack.startWithoutNode(workDir.resolve("stack"), FleetSpec.of(DEVICES).withInterfaces(INTERFACES));
    stack.broker().createTopics(NodeRuns.TOPICS.toArray(String[]::new));

    List<SimulatedDevice> devices = stack.fleet().devices();
    SimulatedDevice withPeerDown = devices.get(0);
    SimulatedDevice withLinkDown = devices.get(1);
    SimulatedDevice withFailingRpc = devices.get(2);
    withPeerDown.setBgpPeerUp(withPeerDown.bgpPeers().get(0).address(), false);
    String downLink = withLinkDown.interfaceNames().get(0);
    withLinkDown.setLinkUp(downLink, false);
    withFailingRpc.faults().failRpc(FAILING_RPC, true);
    bgpSessions = devices.stream().mapToInt(d -> d.bgpPeers().size()).sum();
    bgpSessionsDown = 1 + (int) withLinkDown.bgpPeers().stream().filter(p -> p.localInterface().equals(downLink)).count();

    // The node's own figures too (telemetry_internal, every second), for the pipeline-health panels.
    TelemetryNode node = stack.startNode(stack.fleet().targets(Duration.ofSeconds(1), Duration.ofSeconds(10)),
        NodeRuns.influxOn(NODE, influx.url(), DATABASE, "")
            .withFallback(ConfigFactory.parseString("telemetry.self-metrics { internal-measurement = on, interval = 1s }")));
    PipelineMetrics metrics = node.metrics();
    // Rates need two polls: after POLLS polls every counter has POLLS - 1 of them. (The node's own
    // telemetry_internal deliveries are counted under its node id, which is never polled.)
    Await.until(POLLS + " polls of every device", Duration.ofSeconds(40),
        () -> polledDevices(metrics).size() == DEVICES && polledDevices(metrics).values().stream().allMatch(d -> d.polls() >= POLLS),
        () -> metrics.byDevice().toString());
    // Samples handed over so far: the devices' and the node's own (acknowledged by Kafka, the primary sink).
    long handed = metrics.total().polledSamples()
        + Optional.ofNullable(metrics.byDevice().get(NODE)).map(PipelineMetrics.DeviceCounts::deliveredSamples).orElse(0L);
    Await.until("InfluxDB wrote the " + handed + " samples handed to the pipeline so far", Duration.ofSeconds(20),
        () -> metrics.sinks().get(InfluxSampleSink.NAME).writtenSamples() >= handed,
        () -> metrics.sinks().toString());
    // Counters per second need two readings in two $__interval buckets: at 1 s, INTERNAL_READINGS
    // readings of every polled device span at least two.
    Await.until(INTERNAL_READINGS + " telemetry_internal readings of every device in InfluxDB", Duration.ofSeconds(30),
        () -> internalReadingsPerTarget().size() >= DEVICES
            && internalReadingsPerTarget().values().stream().allMatch(n -> n >= INTERNAL_READINGS),
        () -> internalReadingsPerTarget().toString());
    node.close(); // the data stands still while the queries run
  }

  /** The node's counters of the devices it polls (not its own id, under which its telemetry_internal deliveries count). */
  private static Map<String, PipelineMetrics.DeviceCounts> polledDevices(PipelineMetrics metrics) {
    Map<String, PipelineMetrics.DeviceCounts> devices = new LinkedHashMap<>(metrics.byDevice());
    devices.remove(NODE);
    return devices;
  }

  /** Per polled device (tag target), how many telemetry_internal readings of its polls InfluxDB holds. */
  private static Map<String, Integer> internalReadingsPerTarget() {
    Map<String, Integer> readings = new LinkedHashMap<>();
    JsonNode series = influx.query(DATABASE,
        "SELECT count(\"device_polls_total\") FROM \"telemetry_internal\" WHERE \"device\" = '" + NODE + "' GROUP BY \"target\"")
        .at("/results/0/series");
    for (JsonNode s : series) {
      String target = s.path("tags").path("target").asText();
      if (!target.equals(NODE)) {
        readings.put(target, s.at("/values/0/1").asInt());
      }
    }
    return readings;
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (influx != null) {
      influx.close();
    }
  }

  @Test
  void everyDashboardQueryReturnsData() throws IOException {
    List<GrafanaDashboard> dashboards = dashboards();
    List<String> problems = new ArrayList<>();
    int ran = 0;
    for (GrafanaDashboard dashboard : dashboards) {
      for (boolean all : new boolean[] {true, false}) {
        String selection = all ? "All" : "first values";
        Map<String, String> values = new LinkedHashMap<>();
        for (Variable variable : dashboard.variables()) {
          String query = GrafanaMacros.expand(variable.query(), values);
          List<String> found = tagValues(query);
          ran++;
          if (found.isEmpty()) {
            problems.add(dashboard.file() + " variable $" + variable.name() + " (" + selection + "): no values from " + query);
            values.put(variable.name(), "no-value");
            continue;
          }
          values.put(variable.name(), all ? allValue(variable, found) : GrafanaMacros.regexValue(found.get(0)));
        }
        for (PanelQuery panel : dashboard.queries()) {
          String query = GrafanaMacros.expand(panel.query(), values);
          ran++;
          String problem = problem(query);
          if (problem != null) {
            problems.add(dashboard.file() + " " + panel.where() + " (" + selection + " " + values + "): " + problem + "\n    " + query);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), problems.size() + " of " + ran + " queries failed:\n" + String.join("\n", problems));
  }

  @Test
  void statPanelsCountWhatTheDevicesReport() throws IOException {
    Map<String, GrafanaDashboard> byFile = new LinkedHashMap<>();
    dashboards().forEach(d -> byFile.put(d.file(), d));
    assertEquals(bgpSessions - bgpSessionsDown, stat(byFile.get("bgp.json"), "Established"), "BGP sessions established");
    assertEquals(bgpSessionsDown, stat(byFile.get("bgp.json"), "Down"), "BGP sessions down: one disabled, those over the down link");
    assertEquals(1, stat(byFile.get("interfaces.json"), "Down while admin up"), "the one link set down");
    assertEquals(DEVICES * INTERFACES, stat(byFile.get("interfaces.json"), "Physical interfaces"));
    assertEquals(DEVICES * INTERFACES - 1, stat(byFile.get("interfaces.json"), "Oper up"));
    assertEquals(1, stat(byFile.get("pipeline-health.json"), "Failing requests"), FAILING_RPC + " on one device");
    assertEquals(DEVICES, stat(byFile.get("pipeline-health.json"), "Devices answering"));
    assertEquals(1, stat(byFile.get("pipeline-health.json"), "Nodes reporting"), "the one node writing telemetry_internal");
  }

  /** The single value a stat panel shows, every variable on "All". */
  private static double stat(GrafanaDashboard dashboard, String title) {
    Map<String, String> values = new LinkedHashMap<>();
    dashboard.variables().forEach(v -> values.put(v.name(), allValue(v, tagValues(GrafanaMacros.expand(v.query(), values)))));
    List<PanelQuery> targets = dashboard.queries().stream().filter(q -> q.panel().equals(title)).toList();
    assertEquals(1, targets.size(), dashboard.file() + ": one query on panel \"" + title + "\"");
    String query = GrafanaMacros.expand(targets.get(0).query(), values);
    JsonNode rows = influx.query(DATABASE, query).at("/results/0/series/0/values");
    assertEquals(1, rows.size(), "one row from " + query + ": " + rows);
    return rows.get(0).get(1).asDouble();
  }

  /** What Grafana puts in for "All": the variable's allValue, else every value escaped and joined. */
  private static String allValue(Variable variable, List<String> found) {
    if (variable.allValue() != null) {
      return variable.allValue();
    }
    return "(" + String.join("|", found.stream().map(GrafanaMacros::regexValue).toList()) + ")";
  }

  private static List<String> tagValues(String query) {
    List<String> values = new ArrayList<>();
    try {
      for (JsonNode series : influx.query(DATABASE, query).at("/results/0/series")) {
        series.path("values").forEach(row -> values.add(row.get(1).asText()));
      }
    } catch (IllegalStateException e) {
      return List.of();
    }
    return values.stream().distinct().sorted().toList();
  }

  /**
   * Null when the query ran and returned data: at least one series, every selected column with a
   * value in some row (a misspelt field among several would otherwise go unnoticed) and every
   * GROUP BY tag with a value in some series (a misspelt tag groups everything under ""). Else
   * what is wrong.
   */
  private static String problem(String query) {
    JsonNode answer;
    try {
      answer = influx.query(DATABASE, query);
    } catch (IllegalStateException e) {
      return "error: " + e.getMessage();
    }
    JsonNode series = answer.at("/results/0/series");
    if (series.isMissingNode() || series.isEmpty()) {
      return "no series";
    }
    Set<String> columnsWithData = new TreeSet<>();
    Set<String> columns = new TreeSet<>();
    Set<String> tagsWithValues = new TreeSet<>();
    Set<String> tags = new TreeSet<>();
    for (JsonNode s : series) {
      List<String> names = new ArrayList<>();
      s.path("columns").forEach(c -> names.add(c.asText()));
      columns.addAll(names.subList(1, names.size()));
      for (JsonNode row : s.path("values")) {
        for (int i = 1; i < row.size(); i++) {
          if (!row.get(i).isNull()) {
            columnsWithData.add(names.get(i));
          }
        }
      }
      s.path("tags").fields().forEachRemaining(tag -> {
        tags.add(tag.getKey());
        if (!tag.getValue().asText().isEmpty()) {
          tagsWithValues.add(tag.getKey());
        }
      });
    }
    if (columnsWithData.isEmpty()) {
      return series.size() + " series, every value null";
    }
    if (!columnsWithData.equals(columns)) {
      return "no value in column(s) " + difference(columns, columnsWithData);
    }
    if (!tagsWithValues.equals(tags)) {
      return "no series with a value for the GROUP BY tag(s) " + difference(tags, tagsWithValues);
    }
    return null;
  }

  private static Set<String> difference(Set<String> all, Set<String> some) {
    Set<String> rest = new TreeSet<>(all);
    rest.removeAll(some);
    return rest;
  }

  private static List<GrafanaDashboard> dashboards() throws IOException {
    Path folder = dashboardsFolder();
    List<GrafanaDashboard> dashboards;
    try (Stream<Path> files = Files.list(folder)) {
      dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().map(GrafanaDashboard::read).toList();
    }
    assertEquals(List.of("bgp.json", "interfaces.json", "pipeline-health.json", "route-engines.json"),
        dashboards.stream().map(GrafanaDashboard::file).toList(), "the dashboards in " + folder);
    return dashboards;
  }

  /** {@code dashboards/} of the checkout: above the tests module (Maven runs tests in the module's folder). */
  private static Path dashboardsFolder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("dashboards/README.md"))) {
        return dir.resolve("dashboards");
      }
    }
    throw new AssertionError("no dashboards/README.md above " + Path.of("").toAbsolutePath());
  }
}
