package io.telemetry.correlation.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.correlation.rule.CorrelatedEvent;
import io.telemetry.correlation.rule.EventState;
import io.telemetry.correlation.rule.Evidence;
import io.telemetry.correlation.rule.MetricRecord;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.RuleType;
import io.telemetry.sink.kafka.SampleJsonCodec;
import io.telemetry.sink.kafka.SampleRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a {@link RuleScenario} through a {@link RuleDriver} and states its events comparably. */
public final class ScenarioRunner {

  private ScenarioRunner() {}

  /** The facts of an event a scenario checks (the event id follows from rule, key and opened). */
  public record EventFacts(String key, EventState state, Instant opened, Instant closed, List<Evidence> evidence) {

    public static EventFacts of(CorrelatedEvent event) {
      return new EventFacts(event.key(), event.state(), event.opened(), event.closed(), event.evidence());
    }
  }

  /** The scenario's instance, built as the runtime does: rule-types.T.class with its defaults. */
  public static RuleInstance instance(RuleScenario scenario) {
    return instance(scenario.instanceName(), ConfigFactory.parseString(scenario.instanceHocon()));
  }

  public static RuleInstance instance(String name, Config block) {
    Config types = ConfigFactory.parseResources("correlation-rules.conf").resolve()
        .getConfig("telemetry.correlation.rule-types");
    String type = block.getString("type");
    Config entry = types.getConfig("\"" + type + "\"");
    try {
      RuleType ruleType = (RuleType) Class.forName(entry.getString("class")).getConstructor().newInstance();
      return ruleType.create(name, block.withFallback(entry.getConfig("defaults")));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("rule type " + type + ": cannot instantiate " + entry.getString("class"), e);
    }
  }

  /** The script as the records a consumer reads: partition 0, offsets counted per topic in script order. */
  public static List<MetricRecord> records(RuleScenario scenario) {
    Map<String, Long> offsets = new HashMap<>();
    List<MetricRecord> records = new ArrayList<>();
    for (ScriptedSample s : scenario.samples()) {
      long offset = offsets.merge(s.topic(), 1L, Long::sum) - 1;
      long nanos = s.time().getEpochSecond() * 1_000_000_000L + s.time().getNano();
      SampleRecord sample = new SampleRecord(SampleJsonCodec.SCHEMA_VERSION, s.device(), s.family(), s.time(), nanos,
          s.tags(), Map.of(), s.gauges(), s.rates(), "node-1");
      records.add(new MetricRecord(sample, new Evidence(s.topic(), 0, offset, s.time())));
    }
    return records;
  }

  public static RuleDriver run(RuleScenario scenario, boolean roundTrip) {
    RuleDriver driver = new RuleDriver(instance(scenario), scenario.lateness(), roundTrip);
    records(scenario).forEach(driver::feed);
    return driver;
  }

  public static List<EventFacts> actual(RuleScenario scenario, boolean roundTrip) {
    return run(scenario, roundTrip).events().stream().map(EventFacts::of).toList();
  }

  public static List<EventFacts> expected(RuleScenario scenario) {
    List<MetricRecord> records = records(scenario);
    return scenario.expected().stream()
        .map(e -> new EventFacts(e.key(), e.state(), e.opened(), e.closed(),
            e.evidence().stream().map(i -> records.get(i).evidence()).sorted(Evidence.ORDER).toList()))
        .toList();
  }
}
