package io.telemetry.host.status;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.onComplete;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.typesafe.config.Config;
import io.telemetry.host.cluster.ClusterStatusQuery;
import io.telemetry.host.cluster.NodeIdDirectory;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/**
 * The status page on the management HTTP port (docs/status-page.md): {@code GET /status} (HTML,
 * with {@code /status/status.js} and {@code /status/status.css}, classpath resources),
 * {@code GET /telemetry/status} (the page's JSON, for the whole cluster) and
 * {@code GET /telemetry/status/local} (this node's own report). Registered in reference.conf
 * under {@code pekko.management.http.routes.telemetry-status}.
 */
public final class StatusRoutes implements ManagementRouteProvider {

  private static final String WEB = "io/telemetry/host/status/web/";

  private final StatusQuery query;

  public StatusRoutes(ExtendedActorSystem system) {
    Config config = system.settings().config();
    StatusSettings settings = StatusSettings.fromConfig(config.getConfig("telemetry.status"));
    ClusterStatusQuery cluster = new ClusterStatusQuery(Adapter.toTyped(system), NodeIdDirectory.of(system),
        config.getDuration("telemetry.management.cluster-status-timeout"));
    this.query = new StatusQuery(Adapter.toTyped(system), cluster, settings.askTimeout(), settings.refresh());
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    return get(() -> concat(
        pathPrefix("status", () -> concat(
            pathEnd(() -> getFromResource(WEB + "status.html", ContentTypes.TEXT_HTML_UTF8)),
            path("status.js", () -> getFromResource(WEB + "status.js")),
            path("status.css", () -> getFromResource(WEB + "status.css")))),
        pathPrefix("telemetry", () -> pathPrefix("status", () -> concat(
            pathEnd(() -> json(query.page(), StatusJson::write)),
            path("local", () -> json(query.local(), StatusJson::write)))))));
  }

  private static <T> Route json(CompletionStage<T> answer, Function<T, String> write) {
    return onComplete(answer, result -> {
      if (result.isSuccess()) {
        return complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, write.apply(result.get())));
      }
      Throwable failure = result.failed().get();
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      return complete(cause instanceof StatusQuery.NotReady ? StatusCodes.SERVICE_UNAVAILABLE : StatusCodes.INTERNAL_SERVER_ERROR,
          HttpEntities.create(ContentTypes.APPLICATION_JSON, StatusJson.write(java.util.Map.of("error",
              "GET /telemetry/status: " + cause.getMessage()))));
    });
  }
}
