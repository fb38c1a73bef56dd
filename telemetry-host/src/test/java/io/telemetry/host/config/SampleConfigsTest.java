package io.telemetry.host.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository's sample configs (hocon/, deploy/hocon/) check clean, given the environment
 * variables they read (a substitution looks in the config before the environment, so the test
 * passes them as overrides). Their file paths (/etc/telemetry/...) are for the machines they
 * describe: checked with file checks off, and with them on the only problems are those files (or
 * this machine's default ~/.ssh/known_hosts).
 */
class SampleConfigsTest {

  private static final Path REPO = Path.of("..");

  /** What deploy/telemetry.env.example and the samples' ${?VAR} substitutions name. */
  private static final Config ENVIRONMENT = ConfigFactory.parseMap(Map.of(
      "EDGE1_PASSWORD", "test", "CORE1_PASSWORD", "test", "DEVICE_PASSWORD", "test",
      "KAFKA_SASL_USERNAME", "telemetry", "KAFKA_SASL_PASSWORD", "test",
      "TELEMETRY_JUNOS_PASSWORD", "test", "MERAKI_API_KEY", "test",
      "TELEMETRY_SNMP_COMMUNITY", "test", "TELEMETRY_SNMP_AUTH_PASSPHRASE", "test-passphrase",
      "TELEMETRY_SNMP_PRIV_PASSPHRASE", "test-passphrase"));

  static List<Path> samples() throws IOException {
    try (Stream<Path> hocon = Files.walk(REPO.resolve("hocon"), 2);
        Stream<Path> deploy = Files.list(REPO.resolve("deploy/hocon"))) {
      List<Path> all = Stream.concat(hocon, deploy).filter(p -> p.toString().endsWith(".conf")).sorted().toList();
      assertFalse(all.isEmpty(), "no sample configs under " + REPO.toAbsolutePath());
      return all;
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void checksClean(Path sample) {
    ConfigReport report = ConfigCheck.check(sample, ENVIRONMENT, new ConfigCheck.Options(false));
    assertTrue(report.clean(), String.join("\n", report.lines()));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void withFileChecksOnlyTheMachinesFilesAreMissing(Path sample) {
    ConfigReport report = ConfigCheck.check(sample, ENVIRONMENT, ConfigCheck.Options.DEFAULT);
    report.problems().forEach(p -> assertTrue(
        machineFile(p.message()) && (p.message().contains("does not exist")
            || p.message().contains("not readable")), p.render()));
  }

  private static boolean machineFile(String message) {
    return message.contains(" /etc/telemetry/") || message.contains(System.getProperty("user.home") + "/.ssh/known_hosts");
  }
}
