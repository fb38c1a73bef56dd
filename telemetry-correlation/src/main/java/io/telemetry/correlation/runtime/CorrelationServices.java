package io.telemetry.correlation.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;

/** Several rule instances in one process (e.g. {@code telemetry correlate --all}). */
public final class CorrelationServices {

  private final List<CorrelationService> services;

  private CorrelationServices(List<CorrelationService> services) {
    this.services = List.copyOf(services);
  }

  /** Every enabled rule instance of {@code config}; if one fails to start, those started are stopped. */
  public static CorrelationServices startAll(ActorSystem<?> system, Config config) {
    List<String> names = RuleDefinition.names(config);
    CorrelationSettings settings = CorrelationSettings.from(config);
    List<String> enabled = new ArrayList<>();
    for (String name : names) {
      if (RuleDefinition.load(config, settings, name).enabled()) {
        enabled.add(name);
      }
    }
    if (enabled.isEmpty()) {
      throw new ConfigException.BadValue(RuleDefinition.RULES_PATH,
          names.isEmpty() ? "has no rule instances" : "has no enabled rule instance (all of " + names + " are off)");
    }
    return start(system, config, enabled);
  }

  /** The named rule instances. */
  public static CorrelationServices start(ActorSystem<?> system, Config config, List<String> ruleNames) {
    List<CorrelationService> started = new ArrayList<>();
    try {
      for (String name : ruleNames) {
        started.add(CorrelationService.start(system, config, name));
      }
    } catch (RuntimeException e) {
      started.forEach(service -> service.stop().toCompletableFuture().join());
      throw e;
    }
    return new CorrelationServices(started);
  }

  public List<CorrelationService> services() {
    return services;
  }

  /** Stops them all (drain and commit); completes when all are stopped. */
  public CompletionStage<Done> stop() {
    CompletableFuture<?>[] stops = services.stream()
        .map(service -> service.stop().toCompletableFuture()).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(stops).thenApply(v -> Done.getInstance());
  }
}
