package io.telemetry.it.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.InfluxPoints.Point;
import io.telemetry.it.support.TopicReader;
import io.telemetry.sink.kafka.SampleRecord;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Node runs on a shared local stack (one broker, one fleet): each run has its own node id, which
 * its Kafka records carry, and its own InfluxDB database, so runs never see each other's data.
 */
final class NodeRuns {

  /** Every family the junos-netconf collector writes with its default settings. */
  static final List<String> TOPICS = List.of("interface", "route_engine", "environment", "bgp_peer", "bgp_peer_rib",
      "storage", "alarm", "collector_request").stream().map(family -> "telemetry.metrics." + family).toList();

  private NodeRuns() {}

  /** The targets with the junos-netconf collector limited to interfaces and route engines. */
  static List<Target> interfacesAndRouteEngines(List<Target> targets) {
    return targets.stream().map(t -> new Target(t.id(), t.host(), t.port(), t.credentials(),
        List.of(new CollectorSpec("junos-netconf", t.collectors().get(0).interval(),
            ConfigFactory.parseString("rpcs = [interfaces, route-engine]"), "collectors[0]")),
        t.timeout(), t.labels())).toList();
  }

  /** The node's settings: its id, and the InfluxDB sink on, writing to {@code database} at {@code url}. */
  static Config influxOn(String nodeId, URI url, String database, String moreInflux) {
    return ConfigFactory.parseString(
        "telemetry.node-id = \"" + nodeId + "\"\n"
            + "telemetry.influx { enabled = on, url = \"" + url + "\", database = \"" + database + "\"\n"
            + "  batch-interval = 200ms, token = \"\", username = \"\", password = \"\"\n"
            + moreInflux + "\n}\n");
  }

  /** The run's Kafka records, read until there are {@code count} of them. */
  static List<SampleRecord> kafkaRecords(String bootstrap, String nodeId, long count) {
    List<Decoded> all = DecodedRecords.decode(TopicReader.readUntil(bootstrap, TOPICS,
        records -> ofNode(DecodedRecords.decode(records), nodeId).size() >= count, Duration.ofSeconds(60)));
    return ofNode(all, nodeId);
  }

  private static List<SampleRecord> ofNode(List<Decoded> records, String nodeId) {
    return records.stream().map(Decoded::sample).filter(s -> s.node().equals(nodeId)).toList();
  }

  /** Device, family, tags and time: one sample of one series, as Kafka has it. */
  static String key(SampleRecord r) {
    return r.device() + "/" + r.family() + new TreeMap<>(r.tags()) + "@" + r.timeUnixNano();
  }

  /** The same for a point InfluxDB holds (its device is a tag). */
  static String key(Point p) {
    Map<String, String> tags = new TreeMap<>(p.tags());
    String device = tags.remove("device");
    return device + "/" + p.measurement() + tags + "@" + p.time();
  }

  /**
   * How a stored point differs from the Kafka record of the same sample: counters must be the same
   * integers, rates ({@code <counter>_rate}) and gauges the same floats, and nothing else stored.
   * (A float that is a whole number comes back as a JSON integer: types are checked separately.)
   */
  static List<String> differences(SampleRecord kafka, Point influx) {
    List<String> problems = new java.util.ArrayList<>();
    Map<String, JsonNode> left = new TreeMap<>(influx.fields());
    kafka.counters().forEach((name, value) -> {
      JsonNode stored = left.remove(name);
      if (stored == null || !stored.isIntegralNumber() || stored.asLong() != value) {
        problems.add("counter " + name + " = " + value + " in Kafka, " + stored + " in InfluxDB");
      }
    });
    kafka.rates().forEach((counter, value) -> sameFloat("rate", counter + "_rate", value, left, problems));
    kafka.gauges().forEach((name, value) -> sameFloat("gauge", name, value, left, problems));
    if (!left.isEmpty()) {
      problems.add("fields only InfluxDB has: " + left);
    }
    return problems;
  }

  private static void sameFloat(String kind, String name, double value, Map<String, JsonNode> left,
      List<String> problems) {
    JsonNode stored = left.remove(name);
    if (stored == null || !stored.isNumber() || Double.compare(stored.asDouble(), value) != 0) {
      problems.add(kind + " " + name + " = " + value + " in Kafka, " + stored + " in InfluxDB");
    }
  }

  /** Device, family and tags: the series. */
  static String series(SampleRecord r) {
    return r.device() + "/" + r.family() + new TreeMap<>(r.tags());
  }
}
