package io.telemetry.host.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStatusJsonTest {

  private static final ClusterStatus STATUS = new ClusterStatus("pekko://telemetry@10.0.0.1:25520",
      "pekko://telemetry@10.0.0.1:25520", "device", null, List.of(
          new ClusterStatus.Member("pekko://telemetry@10.0.0.1:25520", "node-1", List.of("collector"), "Up", true,
              4, 40, List.of()),
          new ClusterStatus.Member("pekko://telemetry@10.0.0.2:25520", null, List.of(), "Joining", false,
              null, null, List.of())));

  @Test
  void writesTheDocumentedFieldNames() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ClusterStatusJson.write(STATUS));
    assertEquals("pekko://telemetry@10.0.0.1:25520", json.get("self").asText());
    assertEquals("device", json.get("entityType").asText());
    assertTrue(json.get("shardStatsError").isNull());
    JsonNode first = json.get("members").get(0);
    assertEquals("node-1", first.get("nodeId").asText());
    assertEquals("collector", first.get("roles").get(0).asText());
    assertEquals("Up", first.get("status").asText());
    assertTrue(first.get("reachable").asBoolean());
    assertEquals(4, first.get("shards").asInt());
    assertEquals(40, first.get("devices").asInt());
    assertTrue(json.get("members").get(1).get("devices").isNull(), "unknown counts are null, not 0");
  }

  @Test
  void readsWhatItWritesAndIgnoresFieldsItDoesNotKnow() {
    assertEquals(STATUS, ClusterStatusJson.read(ClusterStatusJson.write(STATUS), "test"));
    String newer = "{\"self\":\"a\",\"leader\":null,\"entityType\":\"device\",\"shardStatsError\":null,"
        + "\"members\":[],\"somethingNew\":1}";
    assertEquals(new ClusterStatus("a", null, "device", null, List.of()), ClusterStatusJson.read(newer, "test"));
  }

  @Test
  void sayWhereAnAnswerThatIsNotAStatusCameFrom() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterStatusJson.read("<html>nope</html>", "http://10.0.0.1:7626/telemetry/cluster"));
    assertTrue(e.getMessage().startsWith("http://10.0.0.1:7626/telemetry/cluster did not answer a cluster status"),
        e.getMessage());
  }
}
