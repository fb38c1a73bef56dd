package io.telemetry.collect.junos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.sample.Sample;
import io.telemetry.testsupport.Corpus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The route-engine parser against real captures (PyEZ MX80 and SRX, napalm MX10003 and EX9208). */
class RouteEngineCorpusTest {

  private static final Instant TIME = Instant.parse("2024-01-02T03:04:05Z");
  private static final double MIB = 1024 * 1024;

  @Test
  void pyezMx80WithoutSlotOrMastership() throws Exception {
    RouteEngineInformationParser.Result result = RouteEngineInformationParser.parse(
        "mx80", TIME, Corpus.read("junos/pyez/personality_mx_get-route-engine-information.xml"));
    assertEquals(1, result.samples().size());
    Sample re = result.samples().get(0);
    assertEquals("route_engine", re.family());
    assertEquals(Map.of("slot", "0"), re.tags());
    Map<String, Double> g = re.gauges();
    assertEquals(0.0, g.get("cpu_user"));
    assertEquals(0.0, g.get("cpu_background"));
    assertEquals(7.0, g.get("cpu_system"));
    assertEquals(0.0, g.get("cpu_interrupt"));
    assertEquals(92.0, g.get("cpu_idle"));
    assertEquals(8.0, g.get("cpu_util"));
    assertEquals(50.0, g.get("memory_utilization"));
    assertEquals(2048 * MIB, g.get("memory_bytes"));
    assertEquals(48.0, g.get("temperature_celsius"));
    assertEquals(59.0, g.get("cpu_temperature_celsius"));
    assertEquals(14279748.0, g.get("uptime_seconds"));
    assertEquals(0.04, g.get("load_average_1m"));
    assertEquals(0.07, g.get("load_average_5m"));
    assertEquals(0.08, g.get("load_average_15m"));
    assertEquals(OptionalLong.of(14279748), result.deviceUptimeSeconds());
  }

  @Test
  void pyezHighEndSrxWithBareMegabytes() throws Exception {
    RouteEngineInformationParser.Result result = RouteEngineInformationParser.parse(
        "srx", TIME, Corpus.read("junos/pyez/personality_srx_high_end_get-route-engine-information.xml"));
    Sample re = result.samples().get(0);
    assertEquals(Map.of("slot", "0", "mastership", "master"), re.tags());
    assertEquals(1023 * MIB, re.gauges().get("memory_bytes"));
    assertEquals(43.0, re.gauges().get("memory_utilization"));
    assertFalse(re.gauges().containsKey("temperature_celsius"), "this SRX reports no temperature");
    assertEquals(OptionalLong.of(5359398), result.deviceUptimeSeconds());
  }

  @Test
  void mx10003DeviceUptimeIsTheMastersNotTheBackups() throws Exception {
    RouteEngineInformationParser.Result result = RouteEngineInformationParser.parse(
        "mx10003", TIME, Corpus.read("junos/napalm/test_get_environment/mx10003/get-route-engine-information.xml"));
    assertEquals(List.of(Map.of("slot", "0", "mastership", "master"), Map.of("slot", "1", "mastership", "backup")),
        result.samples().stream().map(Sample::tags).toList());
    assertEquals(OptionalLong.of(20360313), result.deviceUptimeSeconds());
    assertEquals(20359219.0, result.samples().get(1).gauges().get("uptime_seconds"));
  }

  /** napalm's get_environment: cpu[slot]["%usage"] = 100 - idle; memory from the last RE it reads. */
  @ParameterizedTest
  @ValueSource(strings = {"mx10003", "ex9208"})
  void cpuAndMemoryEqualNapalmsReading(String box) throws Exception {
    String dir = "junos/napalm/test_get_environment/" + box + "/";
    List<Sample> engines = RouteEngineInformationParser.parse(box, TIME, Corpus.read(dir + "get-route-engine-information.xml")).samples();
    JsonNode expected = new ObjectMapper().readTree(Corpus.file(dir + "expected_result.json").toFile());

    assertEquals(expected.get("cpu").size(), engines.size());
    for (Sample re : engines) {
      JsonNode cpu = expected.get("cpu").get(re.tags().get("slot"));
      assertEquals(cpu.get("%usage").asDouble(), re.gauges().get("cpu_util"), "cpu of slot " + re.tags().get("slot"));
    }
    // napalm keeps overwriting its memory entry, so its result is the last routing engine's.
    Sample last = engines.get(engines.size() - 1);
    double dramMib = last.gauges().get("memory_bytes") / MIB;
    assertEquals(expected.get("memory").get("available_ram").asDouble(), dramMib);
    assertEquals(expected.get("memory").get("used_ram").asLong(),
        Math.round(dramMib * last.gauges().get("memory_utilization") / 100));
  }
}
