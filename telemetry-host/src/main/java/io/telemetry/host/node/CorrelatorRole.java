package io.telemetry.host.node;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What a node with the {@code correlator} role runs besides its other roles. Placeholder: the
 * correlation rules (issue 5, module telemetry-correlation) start here.
 */
final class CorrelatorRole {

  private CorrelatorRole() {}

  static void start(ActorSystem<?> system, Config config) {
    system.log().info("role correlator: no correlation rules to start yet");
  }
}
