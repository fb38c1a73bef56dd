package io.telemetry.host.status;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The status page's settings, {@code telemetry.status} (see telemetry-host's reference.conf).
 *
 * @param eventsKept     how many of the latest correlated events a node keeps and shows
 * @param askTimeout     how long a node waits for its devices, and a page for every node
 * @param deferredWindow how recently a device's polls must have been deferred for it to show as deferred
 * @param events         whether the node reads the event topics at all
 * @param topicDiscovery how soon the event reader finds a new rule's event topic
 * @param refresh        how often the page asks again
 */
public record StatusSettings(int eventsKept, Duration askTimeout, Duration deferredWindow, boolean events,
    Duration topicDiscovery, Duration refresh) {

  public static StatusSettings fromConfig(Config status) {
    return new StatusSettings(status.getInt("events-kept"), status.getDuration("ask-timeout"),
        status.getDuration("deferred-window"), status.getBoolean("events.enabled"),
        status.getDuration("events.topic-discovery"), status.getDuration("refresh"));
  }
}
