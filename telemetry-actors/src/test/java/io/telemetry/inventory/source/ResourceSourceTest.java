package io.telemetry.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.inventory.Resource;
import io.telemetry.testsupport.RecordingHttpServer;
import io.telemetry.testsupport.RecordingHttpServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceSourceTest {

  @TempDir
  Path dir;

  private static ResourceSource configured(String hocon) {
    return ResourceSources.fromConfig(ConfigFactory.parseString(hocon).resolve(), "telemetry.inventory");
  }

  private static String refused(String hocon) {
    return assertThrows(ConfigException.class, () -> configured(hocon)).getMessage();
  }

  @Test
  void aStaticListIsCheckedWhenTheConfigLoads() throws Exception {
    ResourceSource source = configured("""
        sources = [ { type = static, resources = [
          { id = r1, host = "192.0.2.1", port = 22, vendor = juniper, labels { site = ams1 } }
          { id = r2, host = "192.0.2.2", slots = 4 }
        ] } ]""");
    assertEquals(List.of(
        new Resource("r1", "192.0.2.1", OptionalInt.of(22), Map.of("vendor", "juniper", "site", "ams1")),
        new Resource("r2", "192.0.2.2", Map.of("slots", "4"))), source.load());
    assertTrue(refused("sources = [ { type = static, resources = [ { id = r1 } ] } ]")
        .contains("telemetry.inventory.sources[0].resources[0]: entry has no host"));
  }

  @Test
  void filesAreReadByTheirFormatOnEveryLoad() throws Exception {
    Path csv = dir.resolve("routers.csv");
    Path json = dir.resolve("routers.json");
    Files.writeString(csv, "id,host,site\nr1,192.0.2.1,ams1\n");
    Files.writeString(json, "{\"id\": \"r2\", \"host\": \"192.0.2.2\"}\n");
    ResourceSource source = configured("sources = [ { type = file, path = \"" + csv + "\" }, "
        + "{ type = file, path = \"" + json + "\" } ]");
    assertEquals(List.of(new Resource("r1", "192.0.2.1", Map.of("site", "ams1")), new Resource("r2", "192.0.2.2", Map.of())),
        source.load());
    Files.writeString(csv, "id,host,site\nr1,192.0.2.1,fra2\n");
    assertEquals("fra2", source.load().get(0).attribute("site"));
  }

  @Test
  void oneFailingSourceFailsTheWholeLoadNamingIt() throws Exception {
    Path good = dir.resolve("good.json");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(good, "[{\"id\": \"r1\", \"host\": \"h\"}]");
    Files.writeString(bad, "id,host\nr2,h\nr3,\n");
    ResourceSource source = configured("sources = [ { type = file, path = \"" + good + "\" }, "
        + "{ type = file, path = \"" + bad + "\" } ]");
    InventoryException e = assertThrows(InventoryException.class, source::load);
    assertEquals("file:" + bad + " line 3: entry has no host", e.getMessage());

    Files.writeString(bad, "id,host\nr1,h\n");
    assertEquals("file:" + bad + ": id \"r1\" is also listed by file:" + good,
        assertThrows(InventoryException.class, source::load).getMessage());

    Files.delete(bad);
    assertEquals("file:" + bad + ": no such file", assertThrows(InventoryException.class, source::load).getMessage());
  }

  @Test
  void anHttpEndpointServesJsonOrNdjson() throws Exception {
    AtomicReference<Reply> reply = new AtomicReference<>(Reply.of(200,
        "[{\"id\": \"r1\", \"host\": \"192.0.2.1\", \"vendor\": \"juniper\"}]"));
    try (RecordingHttpServer server = RecordingHttpServer.start(request -> reply.get())) {
      ResourceSource source = configured("sources = [ { type = http, url = \"" + server.uri() + "/routers?token=s3cret\", "
          + "timeout = 5s } ]");
      assertEquals(List.of(new Resource("r1", "192.0.2.1", Map.of("vendor", "juniper"))), source.load());
      assertTrue(!source.describe().contains("s3cret"), source.describe());

      reply.set(Reply.of(200, "{\"id\": \"r1\", \"host\": \"192.0.2.1\"}\n{\"id\": \"r2\", \"host\": \"192.0.2.2\"}\n"));
      assertEquals(List.of("r1", "r2"), source.load().stream().map(Resource::id).toList());

      reply.set(Reply.of(200, "{\"id\": \"r1\", \"host\": \"192.0.2.1\"}\n{\"id\": \"r2\"}\n"));
      assertEquals(server.uri() + "/routers line 2: entry has no host",
          assertThrows(InventoryException.class, source::load).getMessage());

      reply.set(Reply.of(503, "maintenance"));
      assertEquals(server.uri() + "/routers: HTTP 503: maintenance",
          assertThrows(InventoryException.class, source::load).getMessage());
      assertEquals("/routers", server.requests().get(0).path());
    }
  }

  @Test
  void sourceSettingsAreCheckedByPath() {
    assertTrue(refused("sources = [ { type = ftp } ]").contains("telemetry.inventory.sources[0].type"));
    assertTrue(refused("sources = [ { type = file, path = \"relative.csv\" } ]").contains("sources[0].path"));
    assertTrue(refused("sources = [ { type = file } ]").contains("sources[0].path"));
    assertTrue(refused("sources = [ { type = file, path = \"/x.csv\", format = xml } ]").contains("sources[0].format"));
    assertTrue(refused("sources = [ { type = http, url = \"file:/x\" } ]").contains("sources[0].url"));
    assertTrue(refused("sources = [ { type = http, url = \"http://h/x\", timeout = 0s } ]").contains("sources[0].timeout"));
    assertTrue(refused("sources = [ { type = http, url = \"http://h/x\", path = \"/x\" } ]").contains("sources[0].path"));
  }
}
