package io.telemetry.host.node;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;

/** Pekko Management HTTP (health, readiness, cluster routes) and, if asked, cluster bootstrap. */
final class NodeManagement {

  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

  private NodeManagement() {}

  /**
   * Binds the management endpoint and waits for it, so that a port already in use fails the start
   * with a clear error; then starts bootstrap when {@code bootstrap}.
   */
  static void start(ActorSystem<?> system, boolean bootstrap) {
    org.apache.pekko.actor.ActorSystem classic = Adapter.toClassic(system);
    String where = system.settings().config().getString("pekko.management.http.hostname") + ":"
        + system.settings().config().getString("pekko.management.http.port");
    try {
      PekkoManagement.get(classic).start().toCompletableFuture().get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("management HTTP on " + where + ": interrupted while binding", e);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("management HTTP (telemetry.management) cannot bind " + where + ": " + cause, cause);
    }
    if (bootstrap) {
      ClusterBootstrap.get(classic).start();
    }
  }
}
