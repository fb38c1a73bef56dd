package io.telemetry.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetry.sample.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The documented record format (docs/schema) and the codec say the same thing. */
class KafkaRecordDocsTest {

  // Surefire runs in the module folder; the docs are at the repository root.
  private static final Path DOCS = Path.of("..", "docs", "schema");

  private final ObjectMapper mapper = new ObjectMapper();
  private final SampleJsonCodec codec = new SampleJsonCodec();

  @Test
  void theJsonSchemaListsExactlyTheFieldsTheCodecWrites() throws IOException {
    JsonNode schema = mapper.readTree(DOCS.resolve("kafka-sample-v1.schema.json").toFile());
    Sample sample = new Sample("r1", "interface", Instant.parse("2025-01-02T03:04:05.000000006Z"),
        Map.of("interface", "xe-0/0/1"), Map.of("wrapped", -1L), Map.of("g", 1.0), Map.of("wrapped", 2.0), 64, "");
    JsonNode encoded = mapper.readTree(codec.encode(sample, "node-1"));

    List<String> written = new ArrayList<>();
    encoded.fieldNames().forEachRemaining(written::add);
    List<String> required = new ArrayList<>();
    schema.get("required").forEach(field -> required.add(field.asText()));
    List<String> described = new ArrayList<>();
    schema.get("properties").fieldNames().forEachRemaining(described::add);
    assertEquals(required, written);
    assertEquals(described, written);

    assertEquals(schema.at("/properties/schema/const"), encoded.get("schema"));
    assertTrue(Pattern.matches(schema.at("/properties/time/pattern").asText(), encoded.get("time").asText()));
    assertEquals(schema.at("/properties/counters/additionalProperties/maximum").bigIntegerValue(),
        encoded.at("/counters/wrapped").bigIntegerValue(), "the largest counter is the schema's maximum");
  }

  @Test
  void theDocumentedExampleIsAValidSchemaOneValue() throws IOException {
    String doc = Files.readString(DOCS.resolve("kafka-records.md"), StandardCharsets.UTF_8);
    Matcher example = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertTrue(example.find(), "kafka-records.md has a JSON example");

    SampleRecord record = codec.decode(example.group(1).getBytes(StandardCharsets.UTF_8));

    assertEquals("edge-1", record.device());
    assertEquals("node-a", record.node());
    assertEquals("18446744073709551000", record.unsignedCounter("in_octets").toString());
  }
}
