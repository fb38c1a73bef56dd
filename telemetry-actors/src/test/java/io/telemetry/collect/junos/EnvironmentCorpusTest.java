package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.sample.Sample;
import io.telemetry.testsupport.Corpus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The environment and power parsers against napalm's MX10003 and EX9208 captures: every
 * temperature, fan and power supply napalm's {@code get_environment} reports, with the same values.
 */
class EnvironmentCorpusTest {

  private static final Instant TIME = Instant.parse("2024-01-02T03:04:05Z");
  private static final Instant POWER_TIME = TIME.plusMillis(40);

  private static String dir(String box) {
    return "junos/napalm/test_get_environment/" + box + "/";
  }

  private static List<Sample> environment(String box) throws Exception {
    return EnvironmentMerge.merge(
        EnvironmentInformationParser.parse(box, TIME, Corpus.read(dir(box) + "get-environment-information.xml")),
        PowerUsageParser.parse(box, POWER_TIME, Corpus.read(dir(box) + "get-power-usage-information-detail.xml")));
  }

  /** Our samples of one kind by component name. */
  private static Map<String, Sample> ofKind(List<Sample> samples, String kind) {
    Map<String, Sample> byName = new LinkedHashMap<>();
    samples.stream().filter(s -> kind.equals(s.tags().get("kind")))
        .forEach(s -> assertEquals(null, byName.put(s.tags().get("component"), s), "one sample per component"));
    return byName;
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mx10003", "ex9208"})
  void temperaturesEqualNapalmsReading(String box) throws Exception {
    JsonNode expected = new ObjectMapper().readTree(Corpus.file(dir(box) + "expected_result.json").toFile()).get("temperature");
    Map<String, Sample> ours = ofKind(environment(box), "temperature");
    assertEquals(keys(expected), new TreeSet<>(ours.keySet()), "the same temperature sensors, class inherited like napalm");

    List<String> mismatches = new ArrayList<>();
    int withReading = 0;
    for (String name : keys(expected)) {
      double theirs = expected.get(name).get("temperature").asDouble();
      Sample sample = ours.get(name);
      Double celsius = sample.gauges().get("temperature_celsius");
      if (celsius == null) {
        // napalm writes 0.0 for a sensor without a reading; here it is absent, and the status says why.
        if (theirs != 0.0 || sample.gauges().get("status") != 0.0) {
          mismatches.add(name + ": no reading, napalm " + theirs + ", status " + sample.gauges().get("status"));
        }
      } else {
        withReading++;
        if (celsius != theirs) {
          mismatches.add(name + ": napalm " + theirs + ", we " + celsius);
        }
      }
    }
    assertEquals(List.of(), mismatches);
    assertTrue(withReading >= 30, "compared " + withReading + " readings");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mx10003", "ex9208"})
  void fansEqualNapalmsReading(String box) throws Exception {
    JsonNode expected = new ObjectMapper().readTree(Corpus.file(dir(box) + "expected_result.json").toFile()).get("fans");
    Map<String, Sample> ours = ofKind(environment(box), "fan");
    assertEquals(keys(expected), new TreeSet<>(ours.keySet()));
    for (String name : keys(expected)) {
      assertEquals(expected.get(name).get("status").asBoolean() ? 1.0 : 0.0, ours.get(name).gauges().get("status"), name);
      assertFalse(ours.get(name).gauges().containsKey("fan_rpm"), "\"Spinning at normal speed\" has no RPM");
    }
  }

  /** napalm renames "PEM n" to "Power Supply n"; its -1 means "not reported" (absent here). */
  @ParameterizedTest
  @ValueSource(strings = {"mx10003", "ex9208"})
  void powerSuppliesEqualNapalmsReading(String box) throws Exception {
    JsonNode expected = new ObjectMapper().readTree(Corpus.file(dir(box) + "expected_result.json").toFile()).get("power");
    Map<String, Sample> ours = ofKind(environment(box), "power");
    assertEquals(keys(expected), ours.keySet().stream().map(n -> n.replace("PEM", "Power Supply"))
        .collect(Collectors.toCollection(TreeSet::new)));
    for (String name : keys(expected)) {
      Sample supply = ours.get(name.replace("Power Supply", "PEM"));
      JsonNode theirs = expected.get(name);
      assertEquals(theirs.get("status").asBoolean() ? 1.0 : 0.0, supply.gauges().get("status"), name + " status");
      assertWatts(theirs.get("capacity").asDouble(), supply.gauges().get("power_capacity_watts"), name + " capacity");
      assertWatts(theirs.get("output").asDouble(), supply.gauges().get("power_output_watts"), name + " output");
    }
  }

  private static void assertWatts(double napalm, Double ours, String what) {
    if (napalm == -1.0) {
      assertEquals(null, ours, what + ": napalm says not reported");
    } else {
      assertEquals(napalm, ours, what);
    }
  }

  @Test
  void mx10003PowerItemsCarryTemperatureStatusAndPowerInOneSeries() throws Exception {
    List<Sample> samples = environment("mx10003");
    List<Sample> pem0 = samples.stream().filter(s -> "PEM 0".equals(s.tags().get("component"))).toList();
    assertEquals(1, pem0.size(), "the environment item and the power-usage item are one series");
    Sample supply = pem0.get(0);
    assertEquals(Map.of("component", "PEM 0", "kind", "power"), supply.tags());
    assertEquals(Map.of("status", 1.0, "present", 1.0, "temperature_celsius", 40.0,
        "power_capacity_watts", 1600.0, "power_output_watts", 180.0), supply.gauges());
    assertEquals(TIME, supply.time(), "the environment reply's time");
    // Every sample of a poll is its own series: nothing collapsed, nothing doubled.
    assertEquals(samples.size(), samples.stream().map(Sample::seriesKey).distinct().count());
    int items = Corpus.read(dir("mx10003") + "get-environment-information.xml").split("<environment-item>").length - 1;
    assertEquals(items, samples.size(), "one sample per environment item (every PEM is one too)");
  }

  @Test
  void ex9208AbsentItemsAreNotPresentAndNotOk() throws Exception {
    Map<String, Sample> temperatures = ofKind(environment("ex9208"), "temperature");
    Sample absent = temperatures.get("Routing Engine 1 CPU");
    assertNotNull(absent, "an item without <class> takes the class of the item before it");
    assertEquals(Map.of("status", 0.0, "present", 0.0), absent.gauges());
    Sample ok = temperatures.get("Routing Engine 0 CPU");
    assertEquals(Map.of("status", 1.0, "present", 1.0, "temperature_celsius", 31.0), ok.gauges());
    Map<String, Sample> power = ofKind(environment("ex9208"), "power");
    assertEquals(POWER_TIME, power.get("PEM 0").time(), "a supply only the power reply knows keeps that reply's time");
    assertEquals(Map.of("status", 0.0), power.get("PEM 3").gauges(), "state Empty, no capacity or output");
  }
}
