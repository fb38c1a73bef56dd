package io.telemetry.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetWeightsTest {

  @Test
  void weightDefaultsToOne() {
    var telemetry = ConfigFactory.parseString("targets = [ { id = a, weight = 4 }, { id = b } ]");
    assertEquals(Map.of("a", 4, "b", 1), TargetWeights.load(telemetry));
  }

  @Test
  void aBadWeightNamesTheTargetAndTheSetting() {
    var telemetry = ConfigFactory.parseString("targets = [ { id = a }, { id = core, weight = 0 } ]");
    ConfigException e = assertThrows(ConfigException.class, () -> TargetWeights.load(telemetry));
    assertTrue(e.getMessage().contains("telemetry.targets[1].weight") && e.getMessage().contains("core"), e.getMessage());
    var text = ConfigFactory.parseString("targets = [ { id = x, weight = heavy } ]");
    ConfigException wrongType = assertThrows(ConfigException.class, () -> TargetWeights.load(text));
    assertTrue(wrongType.getMessage().contains("\"x\""), wrongType.getMessage());
  }
}
