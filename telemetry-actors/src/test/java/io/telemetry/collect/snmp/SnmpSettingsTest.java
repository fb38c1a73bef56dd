package io.telemetry.collect.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnmpSettingsTest {

  private static final String PATH = "telemetry.targets[3].collectors[1]";

  private static SnmpSettings parse(String hocon) {
    return SnmpSettings.parse(ConfigFactory.parseString(hocon), PATH, "sw1");
  }

  private static String refusal(String hocon) {
    return assertThrows(ConfigException.class, () -> parse(hocon)).getMessage();
  }

  @Test
  void v2cWithDefaults() {
    SnmpSettings s = parse("community = \"s3cret\"");
    assertEquals(SnmpSettings.Version.V2C, s.version());
    assertEquals(161, s.port());
    assertEquals(Optional.of("s3cret"), s.community());
    assertEquals(2, s.retries());
    assertEquals(25, s.maxRepetitions());
    assertTrue(s.usm().isEmpty());
  }

  @Test
  void v3AuthPrivWithEverySetting() {
    SnmpSettings s = parse("""
        version = "v3", port = 1161, retries = 0, max-repetitions = 50
        user = "telemetry"
        auth-protocol = "sha", auth-passphrase = "authpass123"
        priv-protocol = "AES", priv-passphrase = "privpass123"
        """);
    assertEquals(SnmpSettings.Version.V3, s.version());
    assertEquals(1161, s.port());
    assertEquals(0, s.retries());
    assertEquals(50, s.maxRepetitions());
    SnmpSettings.Usm usm = s.usm().orElseThrow();
    assertEquals("telemetry", usm.user());
    assertEquals(Optional.of(UsmProtocols.Auth.SHA), usm.auth());
    assertEquals(Optional.of(UsmProtocols.Priv.AES128), usm.priv());
    assertEquals("authPriv", usm.securityLevel());
  }

  @Test
  void protocolNamesIgnoreCaseAndHyphens() {
    assertEquals(Optional.of(UsmProtocols.Auth.SHA256), UsmProtocols.Auth.named("sha-256"));
    assertEquals(Optional.of(UsmProtocols.Auth.SHA512), UsmProtocols.Auth.named("SHA512"));
    assertEquals(Optional.of(UsmProtocols.Auth.SHA), UsmProtocols.Auth.named("SHA1"));
    assertEquals(Optional.of(UsmProtocols.Priv.AES256), UsmProtocols.Priv.named("aes-256"));
    assertEquals(Optional.of(UsmProtocols.Priv.AES128), UsmProtocols.Priv.named("AES128"));
  }

  @Test
  void authNoPrivAndNoAuthNoPriv() {
    assertEquals("authNoPriv", parse("version = v3, user = u, auth-protocol = SHA-256, auth-passphrase = abcdefgh")
        .usm().orElseThrow().securityLevel());
    assertEquals("noAuthNoPriv", parse("version = v3, user = u").usm().orElseThrow().securityLevel());
  }

  @Test
  void secretsNeverAppearInToString() {
    String text = parse("""
        version = v3, user = telemetry
        auth-protocol = SHA, auth-passphrase = "authpass123"
        priv-protocol = AES, priv-passphrase = "privpass123"
        """).toString();
    assertFalse(text.contains("authpass123") || text.contains("privpass123"), text);
    assertTrue(text.contains("telemetry") && text.contains("authPriv"), text);
    assertFalse(parse("community = \"s3cret\"").toString().contains("s3cret"));
  }

  @Test
  void aMissingCommunitySaysWhereAndHow() {
    String message = refusal("version = v2c");
    assertTrue(message.contains(PATH + ".community"), message);
    assertTrue(message.contains("device sw1"), message);
    assertTrue(message.contains("${?SNMP_COMMUNITY}"), message);
  }

  @Test
  void refusalsNameTheSetting() {
    assertTrue(refusal("community = c, colour = blue").contains(PATH + ".colour"));
    assertTrue(refusal("community = c, version = v1").contains(PATH + ".version"));
    assertTrue(refusal("community = c, port = 0").contains(PATH + ".port"));
    assertTrue(refusal("community = c, port = 70000").contains(PATH + ".port"));
    assertTrue(refusal("community = c, retries = -1").contains(PATH + ".retries"));
    assertTrue(refusal("community = c, max-repetitions = 0").contains(PATH + ".max-repetitions"));
    assertTrue(refusal("community = c, max-repetitions = many").contains(PATH + ".max-repetitions"));
    assertTrue(refusal("community = c, user = u").contains(PATH + ".user"), "v3 setting in a v2c block");
    assertTrue(refusal("version = v3, user = u, community = c").contains(PATH + ".community"));
    assertTrue(refusal("version = v3").contains(PATH + ".user"));
    assertTrue(refusal("version = v3, user = u, auth-protocol = SHA3, auth-passphrase = abcdefgh")
        .contains(PATH + ".auth-protocol"));
    assertTrue(refusal("version = v3, user = u, auth-protocol = SHA").contains(PATH + ".auth-passphrase"));
    assertTrue(refusal("version = v3, user = u, auth-passphrase = abcdefgh").contains(PATH + ".auth-passphrase"));
    assertTrue(refusal("version = v3, user = u, auth-protocol = SHA, auth-passphrase = short")
        .contains("at least 8 characters"));
    assertTrue(refusal("version = v3, user = u, priv-protocol = AES, priv-passphrase = abcdefgh")
        .contains(PATH + ".auth-protocol"), "privacy needs authentication");
    assertTrue(refusal("version = v3, user = u, auth-protocol = SHA, auth-passphrase = abcdefgh, "
        + "priv-protocol = ROT13, priv-passphrase = abcdefgh").contains(PATH + ".priv-protocol"));
  }

  @Test
  void theTargetTimeoutIsSharedByTheTries() {
    assertEquals(Duration.ofSeconds(5), AgentSession.perTryTimeout(Duration.ofSeconds(15), 2));
    assertEquals(Duration.ofSeconds(15), AgentSession.perTryTimeout(Duration.ofSeconds(15), 0));
  }
}
