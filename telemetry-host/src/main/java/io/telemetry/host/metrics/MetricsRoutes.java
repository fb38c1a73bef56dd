package io.telemetry.host.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.reject;

import io.telemetry.selfmetrics.PrometheusText;
import io.telemetry.selfmetrics.SelfMetrics;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/**
 * {@code GET /metrics} on the management HTTP port: the node's {@link SelfMetrics} in the
 * Prometheus text format 0.0.4. Registered in reference.conf under
 * {@code pekko.management.http.routes.telemetry-metrics}; off with
 * {@code telemetry.self-metrics.prometheus = off}.
 */
public final class MetricsRoutes implements ManagementRouteProvider {

  private static final ContentType PROMETHEUS_TEXT = ContentTypes.parse(PrometheusText.CONTENT_TYPE);

  private final SelfMetrics metrics;
  private final boolean enabled;

  public MetricsRoutes(ExtendedActorSystem system) {
    this.metrics = SelfMetrics.get(Adapter.toTyped(system));
    this.enabled = SelfMetricsSettings.fromConfig(system.settings().config().getConfig("telemetry")).prometheus();
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    if (!enabled) {
      return reject();
    }
    return path("metrics", () -> get(() ->
        onSuccess(metrics.collect(), families ->
            complete(StatusCodes.OK, HttpEntities.create(PROMETHEUS_TEXT,
                PrometheusText.write(families).getBytes(java.nio.charset.StandardCharsets.UTF_8))))));
  }
}
