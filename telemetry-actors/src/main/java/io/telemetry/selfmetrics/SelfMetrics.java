package io.telemetry.selfmetrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metric sources of one actor system. The node registers its pipeline, shard region, JVM and
 * (on correlators) rule sources here; the management route and the internal measurement read them.
 * An extension because Pekko Management creates route providers with the actor system only.
 *
 * <pre>{@code
 * SelfMetrics.get(system).register(new PipelineMetricsSource(metrics, pipeline));
 * SelfMetrics.get(system).collect().thenApply(PrometheusText::write);
 * }</pre>
 */
public final class SelfMetrics implements Extension {

  private static final Logger log = LoggerFactory.getLogger(SelfMetrics.class);

  private final List<MetricsSource> sources = new CopyOnWriteArrayList<>();

  public static final ExtensionId<SelfMetrics> ID = new ExtensionId<>() {
    @Override
    public SelfMetrics createExtension(ActorSystem<?> system) {
      return new SelfMetrics();
    }
  };

  public static SelfMetrics get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  public void register(MetricsSource source) {
    sources.add(source);
  }

  /**
   * Every source's families, sorted by name. A source that fails is left out (and logged), so one
   * broken figure never hides the others.
   */
  public CompletionStage<List<MetricFamily>> collect() {
    List<CompletableFuture<List<MetricFamily>>> parts = new ArrayList<>();
    for (MetricsSource source : sources) {
      CompletableFuture<List<MetricFamily>> part;
      try {
        part = source.collect().toCompletableFuture();
      } catch (RuntimeException e) {
        part = CompletableFuture.failedFuture(e);
      }
      parts.add(part.exceptionally(e -> {
        log.warn("self-metrics: source {} failed, its figures are left out: {}", source.getClass().getSimpleName(),
            e.toString());
        return List.of();
      }));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<MetricFamily> all = new ArrayList<>();
      parts.forEach(p -> all.addAll(p.join()));
      all.sort(Comparator.comparing(MetricFamily::name));
      return all;
    });
  }
}
