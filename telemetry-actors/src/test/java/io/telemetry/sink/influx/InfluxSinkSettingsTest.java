package io.telemetry.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.telemetry.pipeline.OverflowPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxSinkSettingsTest {

  /** The telemetry.influx block of reference.conf with {@code overrides} on top. */
  private static Config block(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.defaultReference())
        .resolve()
        .getConfig("telemetry.influx");
  }

  private static InfluxSinkSettings settings(String overrides) {
    return InfluxSinkSettings.fromConfig(block(overrides));
  }

  @Test
  void defaultsAreOffAndWriteV1ToALocalDatabase() {
    Config defaults = block("telemetry.influx { token = \"\", username = \"\", password = \"\" }");
    assertFalse(InfluxSinkSettings.enabled(defaults));
    InfluxSinkSettings s = InfluxSinkSettings.fromConfig(defaults);
    assertEquals(URI.create("http://127.0.0.1:8086"), s.url());
    assertEquals(InfluxDialect.V1, s.dialect());
    assertEquals("telemetry", s.database());
    assertEquals("", s.retentionPolicy());
    assertEquals(1000, s.batchPoints());
    assertEquals(Duration.ofSeconds(1), s.batchInterval());
    assertEquals(8, s.parallelism());
    assertEquals(Duration.ofSeconds(10), s.requestTimeout());
    assertEquals(Duration.ofSeconds(1), s.retryBackoffMin());
    assertEquals(Duration.ofSeconds(30), s.retryBackoffMax());
    assertEquals(256, s.bufferBatches());
    assertEquals(OverflowPolicy.BACKPRESSURE, s.overflow());
    assertFalse(s.gzip());
    assertEquals(URI.create("http://127.0.0.1:8086/write?db=telemetry&precision=ns"), s.writeUri());
  }

  @Test
  void eachDialectHasItsEndpoint() {
    assertEquals(URI.create("http://db:8086/write?db=lab%20metrics&rp=two_weeks&precision=ns"),
        settings("telemetry.influx { url = \"http://db:8086/\", database = \"lab metrics\", retention-policy = two_weeks }")
            .writeUri());
    assertEquals(URI.create("https://eu.example.com/api/v2/write?org=noc&bucket=net%2Fraw&precision=ns"),
        settings("telemetry.influx { url = \"https://eu.example.com\", dialect = v2, org = noc, bucket = \"net/raw\", token = t }")
            .writeUri());
    assertEquals(URI.create("http://proxy/influx/api/v3/write_lp?db=telemetry&precision=nanosecond&accept_partial=false"),
        settings("telemetry.influx { url = \"http://proxy/influx\", dialect = V3 }").writeUri());
    assertEquals(URI.create("http://h:8086/api/v2/write?bucket=b&precision=ns"),
        settings("telemetry.influx { url = \"http://h:8086\", dialect = v2, bucket = b, token = t }").writeUri(),
        "org is left out when empty (InfluxDB 3's v2 API does not need it)");
  }

  @Test
  void credentialsFollowTheDialect() {
    InfluxSinkSettings basic = settings("telemetry.influx { username = telegraf, password = \"p:w\", token = \"\" }");
    // "telegraf:p:w" in Base64, worked out by hand with base64(1).
    assertEquals("Basic dGVsZWdyYWY6cDp3", basic.dialect().authorization(basic).orElseThrow());
    InfluxSinkSettings v1Token = settings("telemetry.influx { username = \"\", password = \"\", token = abc }");
    assertEquals("Token abc", v1Token.dialect().authorization(v1Token).orElseThrow());
    InfluxSinkSettings v2 = settings("telemetry.influx { dialect = v2, bucket = b, token = abc }");
    assertEquals("Token abc", v2.dialect().authorization(v2).orElseThrow());
    InfluxSinkSettings v3 = settings("telemetry.influx { dialect = v3, token = abc }");
    assertEquals("Bearer abc", v3.dialect().authorization(v3).orElseThrow());
    InfluxSinkSettings v3Open = settings("telemetry.influx { dialect = v3, token = \"\" }");
    assertTrue(v3Open.dialect().authorization(v3Open).isEmpty());
  }

  @Test
  void credentialsComeFromTheEnvironment() {
    // reference.conf says token = ${?INFLUX_TOKEN} (and the same for the username and password).
    Config unresolved = ConfigFactory.parseResources("reference.conf").withOnlyPath("telemetry.influx");
    Config env = ConfigFactory.parseMap(Map.of("INFLUX_TOKEN", "from-env", "INFLUX_USERNAME", "u1",
        "INFLUX_PASSWORD", "pw1"));
    // An environment variable is a root-level path to HOCON; here given as config, not the real environment.
    Config withEnv = env.withFallback(unresolved).resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    InfluxSinkSettings s = InfluxSinkSettings.fromConfig(withEnv.getConfig("telemetry.influx"));
    assertEquals("from-env", s.token());
    assertEquals("u1", s.username());
    assertEquals("pw1", s.password());

    Config withoutEnv = unresolved.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    InfluxSinkSettings none = InfluxSinkSettings.fromConfig(withoutEnv.getConfig("telemetry.influx"));
    assertEquals("", none.token());
    assertEquals("", none.username());
  }

  @Test
  void secretsAreMaskedWhenPrinted() {
    InfluxSinkSettings s = settings("telemetry.influx { username = u, password = hunter2, token = s3cr3t }");
    assertFalse(s.toString().contains("hunter2"), s.toString());
    assertFalse(s.toString().contains("s3cr3t"), s.toString());
    assertTrue(s.toString().contains("username=u"), s.toString());
  }

  @Test
  void dialectRequirementsNameTheSetting() {
    assertError("telemetry.influx { dialect = v2, bucket = b, token = \"\" }", "telemetry.influx.token");
    assertError("telemetry.influx { dialect = v2, bucket = \"\", token = t }", "telemetry.influx.bucket");
    assertError("telemetry.influx { dialect = v1, database = \"  \" }", "telemetry.influx.database");
    assertError("telemetry.influx { dialect = v3, database = \"\" }", "telemetry.influx.database");
    assertError("telemetry.influx { dialect = v4 }", "telemetry.influx.dialect");
    assertError("telemetry.influx { username = \"\", password = secret }", "telemetry.influx.username");
  }

  @Test
  void badValuesNameTheSetting() {
    assertError("telemetry.influx.url = \"ftp://db:8086\"", "telemetry.influx.url");
    assertError("telemetry.influx.url = \"http://db:8086/?db=x\"", "telemetry.influx.url");
    assertError("telemetry.influx.url = \"http://user:pw@db:8086\"", "telemetry.influx.url");
    assertError("telemetry.influx.url = \"not a url\"", "telemetry.influx.url");
    assertError("telemetry.influx.url = \"http:///nohost\"", "telemetry.influx.url");
    assertError("telemetry.influx.batch-points = 0", "telemetry.influx.batch-points");
    assertError("telemetry.influx.batch-points = many", "telemetry.influx.batch-points");
    assertError("telemetry.influx.batch-interval = soon", "telemetry.influx.batch-interval");
    assertError("telemetry.influx.batch-interval = 0s", "telemetry.influx.batch-interval");
    assertError("telemetry.influx.parallelism = 0", "telemetry.influx.parallelism");
    assertError("telemetry.influx.request-timeout = -1s", "telemetry.influx.request-timeout");
    assertError("telemetry.influx { retry-backoff-min = 10s, retry-backoff-max = 1s }", "telemetry.influx.retry-backoff-max");
    assertError("telemetry.influx.buffer-batches = 0", "telemetry.influx.buffer-batches");
    assertError("telemetry.influx.overflow = block", "telemetry.influx.overflow");
    assertError("telemetry.influx.gzip = maybe", "telemetry.influx.gzip");
    assertError("telemetry.influx.database = [a, b]", "telemetry.influx.database");
    assertError("telemetry.influx.token = null", "telemetry.influx.token");
  }

  @Test
  void enabledMustBeABoolean() {
    ConfigException.BadValue error = assertThrows(ConfigException.BadValue.class,
        () -> InfluxSinkSettings.enabled(block("telemetry.influx.enabled = perhaps")));
    assertTrue(error.getMessage().contains("telemetry.influx.enabled"), error.getMessage());
    assertTrue(InfluxSinkSettings.enabled(block("telemetry.influx.enabled = on")));
  }

  @Test
  void copiesChangeOnlyTheUrl() {
    InfluxSinkSettings base = settings("");
    InfluxSinkSettings moved = base.withUrl(URI.create("http://127.0.0.1:1234"));
    assertEquals(URI.create("http://127.0.0.1:1234/write?db=telemetry&precision=ns"), moved.writeUri());
    assertEquals(base.database(), moved.database());
    assertThrows(ConfigException.BadValue.class, () -> base.withUrl(URI.create("mailto:x@y")));
  }

  private static ConfigException.BadValue assertError(String overrides, String path) {
    ConfigException.BadValue error = assertThrows(ConfigException.BadValue.class, () -> settings(overrides), overrides);
    assertTrue(error.getMessage().contains(path), "expected the message to name " + path + ": " + error.getMessage());
    return error;
  }
}
