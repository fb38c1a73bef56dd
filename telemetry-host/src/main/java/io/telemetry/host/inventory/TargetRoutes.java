package io.telemetry.host.inventory;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetry.inventory.Resource;
import io.telemetry.inventory.cluster.OverlayEntry;
import io.telemetry.inventory.cluster.TargetTable;
import io.telemetry.inventory.source.InventoryException;
import io.telemetry.inventory.source.ResourceEntries;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/**
 * Run-time control of the inventory over Pekko Management HTTP (registered in reference.conf as
 * {@code pekko.management.http.routes.telemetry-targets}):
 *
 * <ul>
 *   <li>{@code GET /telemetry/targets}: the cluster's target table (as this node's replica has it);
 *   <li>{@code GET /telemetry/targets/{id}}: one target, 404 if none (with the reason if it was rejected);
 *   <li>{@code PUT /telemetry/targets/{id}}: adds or replaces a resource, a JSON object
 *       {@code {"host": "192.0.2.1", "port": 830, "site": "ams1", ...}}; the policies turn it into a target;
 *   <li>{@code DELETE /telemetry/targets/{id}}: removes the target, whatever lists it; 404 if the
 *       cluster knows no such target.
 * </ul>
 *
 * Changes are answered 202: the coordinator applies them in the next table, normally within a second.
 */
public final class TargetRoutes implements ManagementRouteProvider {

  private final TargetOverlayStore store;

  public TargetRoutes(ExtendedActorSystem system) {
    Duration timeout = system.settings().config().getDuration("telemetry.inventory.write-timeout");
    this.store = new TargetOverlayStore(Adapter.toTyped(system), timeout);
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    return pathPrefix("telemetry", () -> pathPrefix("targets", () -> concat(
        pathEndOrSingleSlash(() -> get(() -> onSuccess(store.table(), table -> json(StatusCodes.OK,
            TargetTableJson.table(table))))),
        path(PathMatchers.segment(), id -> concat(
            get(() -> onSuccess(store.table(), table -> table.find(id)
                .map(entry -> json(StatusCodes.OK, TargetTableJson.entry(table, entry)))
                .orElseGet(() -> json(StatusCodes.NOT_FOUND, TargetTableJson.message(
                    table.rejected().getOrDefault(id, "no target \"" + id + "\" in the cluster's table (version "
                        + table.version() + ")")))))),
            put(() -> entity(Unmarshaller.entityToString(), body -> add(id, body))),
            delete(() -> remove(id)))))));
  }

  private Route remove(String id) {
    return onSuccess(store.table().thenCombine(store.overlay(), Known::new), known -> known.has(id)
        ? onSuccess(store.put(id, OverlayEntry.removal()), where -> json(StatusCodes.ACCEPTED,
            TargetTableJson.message("removal of target \"" + id + "\" recorded on " + where
                + "; it stops with the next table")))
        : json(StatusCodes.NOT_FOUND, TargetTableJson.message("no target \"" + id + "\" in the cluster's table"
            + " (version " + known.table().version() + ") nor added at run time; nothing removed")));
  }

  /**
   * What a removal may name: a target of the table, a rejected one, or a run-time addition the
   * table does not show yet. Anything else is refused: a mistyped id would otherwise hide a target
   * of that id for as long as the cluster runs.
   */
  private record Known(TargetTable table, Map<String, OverlayEntry> overlay) {
    boolean has(String id) {
      OverlayEntry change = overlay.get(id);
      return table.find(id).isPresent() || table.rejected().containsKey(id) || change != null && !change.removed();
    }
  }

  private Route add(String id, String body) {
    Resource resource;
    try {
      resource = parse(id, body);
    } catch (InventoryException | IllegalArgumentException e) {
      return json(StatusCodes.BAD_REQUEST, TargetTableJson.message(e.getMessage()));
    }
    return onSuccess(store.put(id, OverlayEntry.added(resource)), where -> json(StatusCodes.ACCEPTED,
        TargetTableJson.message("target \"" + id + "\" recorded on " + where + "; it starts with the next table"
            + " if a policy selects it (GET /telemetry/targets/" + id + " tells)")));
  }

  /** The body as a resource, the id taken from the path (a body id must agree). */
  static Resource parse(String id, String body) throws InventoryException {
    String where = "PUT /telemetry/targets/" + id;
    JsonNode node;
    try {
      node = TargetTableJson.JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": the body is not JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException(where + ": the body must be a JSON object {\"host\": ..., ...}");
    }
    if (object.has("id") && !object.get("id").asText().equals(id)) {
      throw new IllegalArgumentException(where + ": the body's id \"" + object.get("id").asText()
          + "\" differs from the path's");
    }
    object.put("id", id);
    ResourceEntries entries = new ResourceEntries(where);
    entries.add(where, object);
    return entries.resources().get(0);
  }

  private static Route json(StatusCode status, String body) {
    return complete(status, HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
  }
}
