package io.telemetry.collect.meraki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsers on answers written as Meraki's API documentation shows them. */
class MerakiParsersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> items(String json) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    JSON.readTree(json).forEach(items::add);
    return items;
  }

  @Test
  void uplinkLossAndLatencyAsDocumented() throws Exception {
    List<Sample> samples = UplinkParser.parse("org-1", items("""
        [
          {
            "networkId": "N_24329156",
            "serial": "Q234-ABCD-5678",
            "uplink": "wan1",
            "ip": "8.8.8.8",
            "timeSeries": [
              { "ts": "2019-01-31T18:46:13Z", "lossPercent": 5.3, "latencyMs": 194.9 },
              { "ts": "2019-01-31T18:47:13.500+01:00", "lossPercent": 0, "latencyMs": null }
            ]
          }
        ]"""));
    assertEquals(List.of(
        new Sample("org-1", "uplink", Instant.parse("2019-01-31T18:46:13Z"),
            Map.of("network", "N_24329156", "serial", "Q234-ABCD-5678", "uplink", "wan1", "ip", "8.8.8.8"),
            Map.of(), Map.of("loss_percent", 5.3, "latency_ms", 194.9), Map.of(), 64, ""),
        new Sample("org-1", "uplink", Instant.parse("2019-01-31T17:47:13.500Z"),
            Map.of("network", "N_24329156", "serial", "Q234-ABCD-5678", "uplink", "wan1", "ip", "8.8.8.8"),
            Map.of(), Map.of("loss_percent", 0.0), Map.of(), 64, "")), samples);
  }

  @Test
  void uplinkItemsMissingTheirIdentityAreMalformed() {
    MerakiParseException e = assertThrows(MerakiParseException.class, () -> UplinkParser.parse("o",
        items("[{\"networkId\": \"N_1\", \"uplink\": \"wan1\", \"timeSeries\": []}]")));
    assertEquals("item 0 has no serial", e.getMessage());
    MerakiParseException notNumber = assertThrows(MerakiParseException.class, () -> UplinkParser.parse("o",
        items("[{\"networkId\": \"N_1\", \"serial\": \"Q\", \"uplink\": \"wan1\","
            + " \"timeSeries\": [{\"ts\": \"2019-01-31T18:46:13Z\", \"lossPercent\": \"high\"}]}]")));
    assertTrue(notNumber.getMessage().contains("lossPercent is not a number"), notNumber.getMessage());
  }

  @Test
  void networkClientsAsDocumented() throws Exception {
    Instant now = Instant.parse("2025-03-01T10:00:00Z");
    List<Sample> samples = ClientParser.parse("org-1", "N_24329156", now, items("""
        [
          {
            "id": "k74272e",
            "mac": "22:33:44:55:66:77",
            "ip": "1.2.3.4",
            "ip6": "2001:db8:3c4d:15::1",
            "description": "Miles's phone",
            "firstSeen": 1518365681,
            "lastSeen": 1526087474,
            "manufacturer": "Apple",
            "os": "iOS",
            "user": "milesmeraki",
            "vlan": "100",
            "ssid": "My SSID",
            "switchport": "My switch port",
            "wirelessCapabilities": "802.11b - 2.4 GHz",
            "smInstalled": true,
            "recentDeviceMac": "22:33:44:55:66:77",
            "status": "Online",
            "usage": { "sent": 138.0, "recv": 61.0 }
          },
          { "id": "k2", "mac": "00:00:00:00:00:02", "description": null, "usage": { "sent": 1, "recv": null } },
          { "id": "k3", "mac": "00:00:00:00:00:03" }
        ]"""));
    assertEquals(2, samples.size(), "a client without usage or status has nothing to report");
    assertEquals(new Sample("org-1", "client", now,
        Map.of("network", "N_24329156", "client", "k74272e", "mac", "22:33:44:55:66:77", "description", "Miles's phone"),
        Map.of(), Map.of("sent_kilobytes", 138.0, "received_kilobytes", 61.0, "online", 1.0), Map.of(), 64, ""),
        samples.get(0));
    assertEquals(Map.of("network", "N_24329156", "client", "k2", "mac", "00:00:00:00:00:02"), samples.get(1).tags());
    assertEquals(Map.of("sent_kilobytes", 1.0), samples.get(1).gauges());
  }

  @Test
  void watermarksLetEachPointThroughOnce() {
    UplinkWatermarks marks = new UplinkWatermarks();
    Instant t = Instant.parse("2025-03-01T10:00:00Z");
    Sample a1 = point("wan1", t);
    Sample a2 = point("wan1", t.plusSeconds(60));
    Sample b1 = point("wan2", t);
    assertEquals(List.of(a1, a2, b1), marks.newPoints(List.of(a1, a2, b1)));
    Sample a3 = point("wan1", t.plusSeconds(120));
    assertEquals(List.of(a3), marks.newPoints(List.of(a2, a3, b1)));
    // wan2 vanished from the answer: forgotten, so when it comes back its points are new again.
    marks.newPoints(List.of(a3));
    assertEquals(List.of(b1), marks.newPoints(List.of(b1)));
  }

  private static Sample point(String uplink, Instant ts) {
    return new Sample("o", "uplink", ts, Map.of("network", "N", "serial", "Q", "uplink", uplink), Map.of(),
        Map.of("loss_percent", 0.0), Map.of(), 64, "");
  }
}
