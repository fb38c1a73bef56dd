package io.telemetry.host.cluster;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.typesafe.config.Config;
import java.time.Duration;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/**
 * Pekko Management routes of Telemetry: {@code GET /telemetry/cluster} answers a
 * {@link ClusterStatus} as JSON. Registered in reference.conf under
 * {@code pekko.management.http.routes.telemetry-cluster}; Pekko Management creates it with the
 * actor system when its HTTP server starts, which is also when this node publishes its node id
 * in the {@link NodeIdDirectory}.
 */
public final class ClusterStatusRoutes implements ManagementRouteProvider {

  private final ClusterStatusQuery query;

  public ClusterStatusRoutes(ExtendedActorSystem system) {
    Config config = system.settings().config();
    NodeIdDirectory directory = NodeIdDirectory.of(system);
    directory.publish(Cluster.get(system).selfAddress().toString(), ConfiguredNodeId.of(config));
    Duration timeout = config.getDuration("telemetry.management.cluster-status-timeout");
    this.query = new ClusterStatusQuery(Adapter.toTyped(system), directory, timeout);
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    return pathPrefix("telemetry", () -> path("cluster", () -> get(() ->
        onSuccess(query.current(), status ->
            complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, ClusterStatusJson.write(status)))))));
  }
}
