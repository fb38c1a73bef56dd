package io.telemetry.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code config check} on one broken file per kind of mistake: every problem is found, with the
 * exact setting path and the line of the offending value (counted in the files under
 * src/test/resources/config-check).
 */
class ConfigCheckTest {

  private static final Path DIR = Path.of("src/test/resources/config-check");

  @Test
  void unknownKeyAtTheTopOfTelemetry() {
    ConfigReport report = check("unknown-key.conf",
        "telemetry.colour", 4);
    assertTrue(message(report, "telemetry.colour").startsWith("unknown setting"), report.lines().toString());
  }

  @Test
  void unknownKeysInASectionATargetAndACollectorBlock() {
    ConfigReport report = check("nested-unknown-key.conf",
        "telemetry.kafka.bootstrap-servrs", 4,
        "telemetry.targets[0].hostname", 10,
        "telemetry.targets[0].collectors[0].proc-dir", 14);
    assertTrue(message(report, "telemetry.kafka.bootstrap-servrs").contains("did you mean \"bootstrap-servers\""));
  }

  @Test
  void wrongTypesAreReportedEachAtItsLine() {
    ConfigReport report = check("wrong-type.conf",
        "telemetry.defaults.interval", 3,
        "telemetry.pipeline.entry-capacity", 4,
        "telemetry.ssh.accept-unknown-host-keys", 5,
        "telemetry.targets[0].timeout", 11);
    assertTrue(message(report, "telemetry.defaults.interval").contains("duration"));
    assertTrue(message(report, "telemetry.pipeline.entry-capacity").contains("whole number"));
    assertTrue(message(report, "telemetry.ssh.accept-unknown-host-keys").contains("boolean"));
  }

  @Test
  void missingCredentialsNameTheUnsetVariables() {
    ConfigReport report = check("missing-credentials.conf",
        "telemetry.targets[0].password", 10,
        "telemetry.inventory.credentials.core.password-env", 14);
    assertTrue(message(report, "telemetry.targets[0].password").contains("${?CONFIG_CHECK_TEST_UNSET_PASSWORD} is not set"));
    assertTrue(message(report, "telemetry.inventory.credentials.core.password-env")
        .contains("CONFIG_CHECK_TEST_UNSET_VARIABLE is not set"));
  }

  @Test
  void unknownCollectorTypeAndTheTargetsOtherCollectorsAreStillChecked() {
    ConfigReport report = check("unknown-collector.conf",
        "telemetry.targets[0].collectors[1].type", 9,
        "telemetry.targets[0].collectors[2].include-loopback", 10);
    String message = message(report, "telemetry.targets[0].collectors[1].type");
    assertTrue(message.contains("unknown collector \"junso-netconf\""), message);
    assertFalse(message.contains(ElementCheck.PLACEHOLDER_COLLECTOR), message);
  }

  @Test
  void policyNamingAnUnknownCredentialSet() {
    ConfigReport report = check("unknown-credentials.conf",
        "telemetry.inventory.policies[1].credentials", 8);
    assertTrue(message(report, "telemetry.inventory.policies[1].credentials").contains("\"edge\""));
  }

  @Test
  void discoveryWithAnUnknownCredentialSetAndABadSelector() {
    ConfigReport report = check("bad-discovery.conf",
        "telemetry.inventory.discovery.rules[0].select", 8,
        "telemetry.inventory.discovery.netconf.credentials", 9);
    assertTrue(message(report, "telemetry.inventory.discovery.netconf.credentials").contains("\"edge\""),
        report.lines().toString());
  }

  @Test
  void unknownRuleTypeUnknownRuleKeyAndAFamilyNoCollectorWrites() {
    ConfigReport report = check("unknown-rule-type.conf",
        "telemetry.correlation.rules.flaps.type", 11,
        "telemetry.correlation.rules.hot-links.durration", 15,
        "telemetry.correlation.rules.typo.type", 18);
    assertTrue(message(report, "telemetry.correlation.rules.flaps.type").contains("'interface-flop' is unknown"));
    assertTrue(message(report, "telemetry.correlation.rules.typo.type").contains("\"interfaces\""));
  }

  @Test
  void unresolvedSubstitutionsAndAMissingInclude() {
    ConfigReport report = check("unresolved-substitution.conf",
        "include \"missing-part.conf\"", 3,
        "telemetry.node-id", 6,
        "telemetry.kafka.bootstrap-servers", 7);
    assertEquals("${telemetry.nodeid} does not resolve: no such setting", message(report, "telemetry.node-id"));
    assertTrue(message(report, "telemetry.kafka.bootstrap-servers").startsWith("${CONFIG_CHECK_TEST_UNSET_BOOTSTRAP}"));
  }

  @Test
  void filesThatDoNotExist() {
    check("missing-file.conf",
        "telemetry.ssh.known-hosts", 3,
        "telemetry.targets[0].private-key", 9,
        "telemetry.inventory.sources[0].path", 13);
    ConfigReport elsewhere = ConfigCheck.check(DIR.resolve("missing-file.conf"), ConfigFactory.empty(),
        new ConfigCheck.Options(false));
    assertTrue(elsewhere.clean(), "--no-file-checks: " + elsewhere.lines());
  }

  @Test
  void syntaxErrorIsUnparseableWithItsLine() {
    ConfigReport report = ConfigCheck.check(DIR.resolve("syntax-error.conf"));
    assertTrue(report.unparseable());
    assertEquals(2, report.exitCode());
    assertEquals(1, report.problems().size());
    assertEquals(7, report.problems().get(0).line(), report.lines().toString());
    assertTrue(report.lines().get(0).startsWith(DIR.resolve("syntax-error.conf") + ":7: "), report.lines().get(0));
  }

  @Test
  void cleanFileExitsZero() {
    ConfigReport report = ConfigCheck.check(DIR.resolve("clean.conf"));
    assertTrue(report.clean(), report.lines().toString());
    assertEquals(0, report.exitCode());
  }

  @Test
  void linesAreFileLinePathMessage() {
    ConfigReport report = ConfigCheck.check(DIR.resolve("unknown-key.conf"));
    assertEquals(1, report.exitCode());
    List<String> lines = report.lines();
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).startsWith(DIR.resolve("unknown-key.conf") + ":4: telemetry.colour: unknown setting"),
        lines.get(0));
    assertEquals(DIR.resolve("unknown-key.conf") + ": 1 problem", lines.get(1));
  }

  /** Checks a file and asserts exactly these problems: path, line, path, line, ... */
  private static ConfigReport check(String name, Object... pathsAndLines) {
    ConfigReport report = ConfigCheck.check(DIR.resolve(name));
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndLines.length; i += 2) {
      expected.put((String) pathsAndLines[i], (Integer) pathsAndLines[i + 1]);
    }
    Map<String, Integer> actual = new LinkedHashMap<>();
    report.problems().forEach(p -> actual.put(p.path(), p.line()));
    assertEquals(expected, actual, String.join("\n", report.lines()));
    report.problems().forEach(p -> assertEquals(DIR.resolve(name).toString(), p.file(), p.render()));
    assertEquals(1, report.exitCode());
    return report;
  }

  private static String message(ConfigReport report, String path) {
    return report.problems().stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().message();
  }
}
