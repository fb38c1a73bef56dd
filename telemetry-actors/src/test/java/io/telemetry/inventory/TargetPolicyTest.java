package io.telemetry.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.collect.CollectorRegistry;
import io.telemetry.collect.CollectorSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

  /** Logs in over SSH, no settings of its own. */
  private static final CollectorFactory SSH = new CollectorFactory() {
    @Override
    public String type() {
      return "fake-ssh";
    }

    @Override
    public boolean usesSsh() {
      return true;
    }

    @Override
    public Collector create(Target target, CollectorSpec spec) {
      throw new UnsupportedOperationException();
    }
  };

  /** No login; needs a community setting, and refuses hosts it cannot reach. */
  private static final CollectorFactory SNMP = new CollectorFactory() {
    @Override
    public String type() {
      return "fake-snmp";
    }

    @Override
    public void validate(Target target, CollectorSpec spec) {
      if (!spec.settings().hasPath("community")) {
        throw new ConfigException.Missing(spec.path() + ".community");
      }
      if (target.host().startsWith("unroutable")) {
        throw new ConfigException.BadValue(spec.path(), "device " + target.id() + ": host " + target.host() + " is not routable");
      }
    }

    @Override
    public Collector create(Target target, CollectorSpec spec) {
      throw new UnsupportedOperationException();
    }
  };

  private static final CollectorRegistry REGISTRY = new CollectorRegistry(List.of(SSH, SNMP));
  private static final Map<String, String> ENV = Map.of("CORE_PASSWORD", "s3cret");

  private static final String POLICIES = """
      telemetry.defaults.interval = 60s
      telemetry.inventory {
        credentials {
          core { username = telemetry, password-env = CORE_PASSWORD }
          lab { username = lab, password = labpw }
        }
        policies = [
          { select = "vendor = \\"juniper\\" AND role = \\"core\\"", collectors = [ fake-ssh ], interval = 30s, credentials = core }
          { select = "vendor = \\"juniper\\" OR site IN (\\"lab1\\")", credentials = lab, port = 2222,
            collectors = [ fake-ssh, { type = fake-snmp, community = public, interval = 5m } ], labels = [ site ] }
          { select = "vendor = \\"cisco\\"", collectors = [ { type = fake-snmp, community = public } ], timeout = 5s }
        ]
      }""";

  private static TargetPolicy load(String hocon) {
    Config config = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    return TargetPolicy.load(config.getConfig("telemetry"), REGISTRY, ENV::get);
  }

  private static String refused(String hocon) {
    return assertThrows(ConfigException.class, () -> load(hocon)).getMessage();
  }

  private static Resource resource(String id, Map<String, String> attributes) {
    return new Resource(id, "192.0.2." + id.length(), attributes);
  }

  @Test
  void theFirstMatchingPolicyDecidesEverything() {
    TargetPolicy policy = load(POLICIES);
    Target core = policy.apply(resource("core1", Map.of("vendor", "juniper", "role", "core", "site", "ams1"))).orElseThrow();
    assertEquals(List.of("fake-ssh"), core.collectors().stream().map(CollectorSpec::type).toList());
    assertEquals(Duration.ofSeconds(30), core.collectors().get(0).interval());
    assertEquals(Credentials.password("telemetry", "s3cret"), core.credentials());
    assertEquals(830, core.port(), "reference default port");
    assertEquals(Duration.ofSeconds(20), core.timeout(), "reference default timeout");
    assertEquals(Map.of("vendor", "juniper", "role", "core", "site", "ams1"), core.labels(), "every attribute by default");

    // Also selected by the second policy, but the first one won: nothing of the second applies.
    Target edge = policy.apply(resource("edge1", Map.of("vendor", "juniper", "role", "edge", "site", "fra2"))).orElseThrow();
    assertEquals(List.of("fake-ssh", "fake-snmp"), edge.collectors().stream().map(CollectorSpec::type).toList());
    assertEquals(Duration.ofSeconds(60), edge.collectors().get(0).interval());
    assertEquals(Duration.ofMinutes(5), edge.collectors().get(1).interval());
    assertEquals("public", edge.collectors().get(1).settings().getString("community"));
    assertEquals("telemetry.inventory.policies[1].collectors[1]", edge.collectors().get(1).path());
    assertEquals(Credentials.password("lab", "labpw"), edge.credentials());
    assertEquals(2222, edge.port());
    assertEquals(Map.of("site", "fra2"), edge.labels(), "only the labels the policy keeps");

    Target cisco = policy.apply(resource("c1", Map.of("vendor", "cisco"))).orElseThrow();
    assertEquals(Duration.ofSeconds(5), cisco.timeout());
    assertEquals("", cisco.credentials().username());

    assertEquals(Optional.empty(), policy.apply(resource("a1", Map.of("vendor", "arista"))));
  }

  @Test
  void aPortFromTheInventoryWinsOverThePolicys() {
    Target edge = load(POLICIES).apply(new Resource("e1", "192.0.2.9", OptionalInt.of(10830), Map.of("site", "lab1")))
        .orElseThrow();
    assertEquals(10830, edge.port());
  }

  @Test
  void aPolicyWithoutSelectorCatchesEverythingLeft() {
    TargetPolicy policy = load("""
        telemetry.inventory.policies = [
          { select = "role = \\"core\\"", collectors = [ { type = fake-snmp, community = core } ] }
          { collectors = [ { type = fake-snmp, community = rest } ] }
        ]""");
    assertEquals("core", policy.apply(resource("r1", Map.of("role", "core"))).orElseThrow()
        .collectors().get(0).settings().getString("community"));
    assertEquals("rest", policy.apply(resource("r2", Map.of())).orElseThrow()
        .collectors().get(0).settings().getString("community"));
  }

  @Test
  void aTargetThePolicyCannotPollIsRejectedNamingTargetAndPolicy() {
    TargetPolicy policy = load("""
        telemetry.inventory.policies = [
          { select = "vendor = \\"juniper\\"", collectors = [ fake-ssh ] }
          { collectors = [ { type = fake-snmp, community = public } ] }
        ]""");
    IllegalArgumentException noLogin = assertThrows(IllegalArgumentException.class,
        () -> policy.apply(resource("mx1", Map.of("vendor", "juniper"))));
    assertTrue(noLogin.getMessage().startsWith("target \"mx1\" (selected by telemetry.inventory.policies[0]): "),
        noLogin.getMessage());
    assertTrue(noLogin.getMessage().contains("no credentials"), noLogin.getMessage());

    TargetPolicy.Selection selection = policy.select(List.of(
        resource("mx1", Map.of("vendor", "juniper")),
        new Resource("far", "unroutable.example", Map.of()),
        resource("ok", Map.of())));
    assertEquals(List.of("ok"), selection.targets().stream().map(Target::id).toList());
    assertEquals(List.of("far", "mx1"), selection.rejected().keySet().stream().sorted().toList());
    assertTrue(selection.rejected().get("far").contains("telemetry.inventory.policies[1]"), selection.rejected().get("far"));
    assertTrue(selection.rejected().get("far").contains("not routable"), selection.rejected().get("far"));
    assertEquals(List.of(), selection.unmatched());
  }

  @Test
  void mistakesAreRefusedAtLoadNamingThePath() {
    String badSelector = refused("telemetry.inventory.policies = [ { select = \"vendor = \", collectors = [ fake-ssh ] } ]");
    assertTrue(badSelector.contains("telemetry.inventory.policies[0].select"), badSelector);
    assertTrue(badSelector.contains("selector column 10"), badSelector);
    assertTrue(refused("telemetry.inventory.policies = [ { collectors = [ nope ] } ]")
        .contains("telemetry.inventory.policies[0].collectors[0].type"));
    assertTrue(refused("telemetry.inventory.policies = [ { collectors = [ fake-ssh ], credentials = nobody } ]")
        .contains("telemetry.inventory.policies[0].credentials"));
    assertTrue(refused("telemetry.inventory.policies = [ { collectors = [ fake-ssh ], intervall = 5s } ]")
        .contains("telemetry.inventory.policies[0].intervall"));
    assertTrue(refused("telemetry.inventory.policies = [ { collectors = [ fake-ssh ], interval = 0s } ]")
        .contains("telemetry.inventory.policies[0].interval"));
    assertTrue(refused("telemetry.inventory.policies = [ { collectors = [ fake-ssh ], port = 0 } ]")
        .contains("telemetry.inventory.policies[0].port"));
  }

  @Test
  void credentialSetsAreCheckedAtLoad() {
    String unset = refused("telemetry.inventory.credentials { x { username = u, password-env = TELEMETRY_SURELY_UNSET } }");
    assertTrue(unset.contains("telemetry.inventory.credentials.x.password-env"), unset);
    assertTrue(unset.contains("TELEMETRY_SURELY_UNSET is not set"), unset);
    assertTrue(refused("telemetry.inventory.credentials { x { username = u } }")
        .contains("telemetry.inventory.credentials.x"));
    assertTrue(refused("telemetry.inventory.credentials { x { password = p } }")
        .contains("telemetry.inventory.credentials.x.username"));
    assertTrue(refused("telemetry.inventory.credentials { x { username = u, password = p, password-env = CORE_PASSWORD } }")
        .contains("telemetry.inventory.credentials.x.password-env"));
    assertTrue(refused("telemetry.inventory.credentials { x { username = u, private-key = \"" + Path.of("/nonexistent/key")
        + "\" } }").contains("telemetry.inventory.credentials.x.private-key"));
    assertTrue(refused("telemetry.inventory.credentials { x { username = u, pasword = p } }")
        .contains("telemetry.inventory.credentials.x.pasword"));
  }

  @Test
  void noPoliciesSelectNothing() {
    TargetPolicy policy = load("");
    assertEquals(0, policy.size());
    assertEquals(List.of("r1"), policy.select(List.of(resource("r1", Map.of()))).unmatched());
  }
}
