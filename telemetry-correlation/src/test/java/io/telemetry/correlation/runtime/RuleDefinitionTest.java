package io.telemetry.correlation.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.rule.KeyCorrelation;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.RuleType;
import io.telemetry.sink.kafka.SampleRecord;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleDefinitionTest {

  /** A rule type that reads one setting and the families it is given. */
  public static final class EchoType implements RuleType {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public RuleInstance create(String instanceName, Config settings) {
      List<String> families = settings.getStringList("families");
      settings.getInt("level");
      return new RuleInstance() {
        public String name() {
          return instanceName;
        }

        public String type() {
          return "echo";
        }

        public List<String> families() {
          return families;
        }

        public Optional<String> keyOf(SampleRecord sample) {
          return Optional.of(sample.device());
        }

        public KeyCorrelation<?> correlation() {
          return null;
        }
      };
    }
  }

  private static Config config(String rules) {
    return ConfigFactory.parseString("""
        telemetry.correlation {
          rule-types.echo { class = "%s", defaults { level = 3, families = [interface] } }
          rules { %s }
        }
        """.formatted(EchoType.class.getName(), rules)).withFallback(ConfigFactory.load()).resolve();
  }

  @Test
  void appliesTheTypesDefaultsTheRuntimeSettingsAndTheMetricTopics() {
    Config config = config("edge { type = echo, devices = [\"edge-*\"], families = [interface, bgp_peer] }");
    RuleDefinition rule = RuleDefinition.load(config, CorrelationSettings.from(config), "edge");
    assertEquals(List.of("telemetry.metrics.interface", "telemetry.metrics.bgp_peer"), rule.inputs());
    assertTrue(rule.enabled());
    assertTrue(rule.devices().matches("edge-7"));
    assertFalse(rule.devices().matches("core-1"));
  }

  @Test
  void brokersAndMetricTopicsDefaultToTheKafkaSinksSettingsAsTheFileSetsThem() {
    Config file = ConfigFactory.parseString(
        "telemetry.kafka { bootstrap-servers = \"h1:9092\", topic-pattern = \"m.{family}\" }");
    Config config = file.withFallback(ConfigFactory.defaultReference()).resolve();
    CorrelationSettings settings = CorrelationSettings.from(config);
    assertEquals("h1:9092", settings.bootstrapServers());
    assertEquals("m.interface", settings.metricTopic("interface"));
  }

  @Test
  void topicsOverrideTheFamilies() {
    Config config = config("x { type = echo, topics = [a.b] }");
    assertEquals(List.of("a.b"), RuleDefinition.load(config, CorrelationSettings.from(config), "x").inputs());
  }

  @Test
  void errorsNameTheSettingsPath() {
    Config unknownType = config("x { type = nope }");
    ConfigException e = assertThrows(ConfigException.class,
        () -> RuleDefinition.load(unknownType, CorrelationSettings.from(unknownType), "x"));
    assertTrue(e.getMessage().contains("telemetry.correlation.rules.x.type") && e.getMessage().contains("nope"),
        e.getMessage());
    Config badSetting = config("x { type = echo, level = high }");
    e = assertThrows(ConfigException.class,
        () -> RuleDefinition.load(badSetting, CorrelationSettings.from(badSetting), "x"));
    assertTrue(e.getMessage().contains("telemetry.correlation.rules.x") && e.getMessage().contains("level"),
        e.getMessage());
    Config missing = config("x { type = echo }");
    e = assertThrows(ConfigException.class, () -> RuleDefinition.load(missing, CorrelationSettings.from(missing), "y"));
    assertTrue(e.getMessage().contains("telemetry.correlation.rules") && e.getMessage().contains("[x]"), e.getMessage());
  }

  @Test
  void deviceGlobsMatchWholeIdsWithStarAndQuestionMark() {
    DeviceFilter filter = DeviceFilter.of(List.of("r?.lab", "core-*"));
    assertTrue(filter.matches("r1.lab"));
    assertFalse(filter.matches("r10.lab"));
    assertTrue(filter.matches("core-"));
    assertFalse(filter.matches("xcore-1"));
  }
}
