package io.telemetry.collect.meraki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorSpec;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerakiSettingsTest {

  private static final String PATH = "telemetry.targets[2].collectors[0]";

  private static MerakiSettings read(String hocon) {
    return MerakiSettings.from(new CollectorSpec("meraki", Duration.ofSeconds(60),
        ConfigFactory.parseString(hocon).resolve(), PATH));
  }

  private static String error(String hocon) {
    return assertThrows(ConfigException.class, () -> read(hocon)).getMessage();
  }

  @Test
  void defaultsFollowTheApi() {
    MerakiSettings s = read("organization-id = \"549236\", api-key = k");
    assertEquals(URI.create("https://api.meraki.com/api/v1"), s.baseUri());
    assertEquals(EnumSet.allOf(MerakiSettings.Family.class), s.collect());
    assertEquals(Duration.ofMinutes(5), s.uplinksTimespan());
    assertEquals(Duration.ofDays(1), s.clientsTimespan());
    assertEquals(1000, s.clientsPerPage());
    assertEquals(List.of(), s.networks());
    assertEquals(3, s.retries());
    assertEquals(Duration.ofSeconds(1), s.retryBackoff());
    assertEquals(Duration.ofSeconds(30), s.maxWait());
    assertFalse(s.toString().contains("api-key") || s.toString().contains("=k"), s.toString());
  }

  @Test
  void readsEverySetting() {
    MerakiSettings s = read("""
        organization-id = 549236, api-key = k, base-url = "http://127.0.0.1:8080/api/v1/"
        collect = [uplinks], uplinks-timespan = 2m, clients-timespan = 1h, clients-per-page = 500
        networks = [N_1, N_2], retries = 0, retry-backoff = 200ms, max-wait = 10s""");
    assertEquals(URI.create("http://127.0.0.1:8080/api/v1"), s.baseUri(), "trailing slash dropped");
    assertEquals(EnumSet.of(MerakiSettings.Family.UPLINKS), s.collect());
    assertEquals(Duration.ofMinutes(2), s.uplinksTimespan());
    assertEquals(List.of("N_1", "N_2"), s.networks());
    assertEquals(0, s.retries());
  }

  @Test
  void anApiKeyFromAnUnsetVariableIsReportedWithItsPathAndHowToSetIt() {
    String message = error("organization-id = 1, api-key = ${?TELEMETRY_TEST_SURELY_UNSET_MERAKI_KEY}");
    assertTrue(message.contains(PATH + ".api-key"), message);
    assertTrue(message.contains("MERAKI_API_KEY"), message);
  }

  @Test
  void everyMistakeNamesItsPath() {
    assertTrue(error("api-key = k").contains(PATH + ".organization-id"));
    assertTrue(error("organization-id = 1, api-key = k, base-url = \"ftp://x\"").contains(PATH + ".base-url"));
    assertTrue(error("organization-id = 1, api-key = k, uplinks-timespan = 10m").contains(PATH + ".uplinks-timespan"));
    assertTrue(error("organization-id = 1, api-key = k, clients-timespan = 40d").contains(PATH + ".clients-timespan"));
    assertTrue(error("organization-id = 1, api-key = k, collect = [uplinks, devices]").contains(PATH + ".collect"));
    assertTrue(error("organization-id = 1, api-key = k, collect = []").contains(PATH + ".collect"));
    assertTrue(error("organization-id = 1, api-key = k, clients-per-page = 2").contains(PATH + ".clients-per-page"));
    assertTrue(error("organization-id = 1, api-key = k, clients-per-page = many").contains(PATH + ".clients-per-page"));
    assertTrue(error("organization-id = 1, api-key = k, max-wait = soon").contains(PATH + ".max-wait"));
    assertTrue(error("organization-id = 1, api-key = k, networks = N_1").contains(PATH + ".networks"));
    assertTrue(error("organization-id = 1, api-key = k, org = 2").contains(PATH + ".org"));
  }

  @Test
  void theNodeBudgetComesFromTelemetryMeraki() {
    assertEquals(new RateLimitSettings(10, 10),
        RateLimitSettings.fromConfig(ConfigFactory.defaultReference().resolve().getConfig("telemetry")));
    assertEquals(new RateLimitSettings(2.5, 1), RateLimitSettings.fromConfig(
        ConfigFactory.parseString("meraki { requests-per-second = 2.5, burst = 1 }")));
    String message = assertThrows(ConfigException.class, () -> RateLimitSettings.fromConfig(
        ConfigFactory.parseString("meraki.requests-per-second = 0"))).getMessage();
    assertTrue(message.contains("telemetry.meraki.requests-per-second"), message);
  }
}
