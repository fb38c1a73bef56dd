package io.telemetry.host.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.telemetry.simulate.ChaosSettings;
import java.time.Duration;
import java.util.List;

/**
 * The demo's rule instances, with windows scaled to the demo's poll interval so that the chaos'
 * incidents raise and clear events within a minute or two (the shipped defaults are minutes long):
 * at a 5 s interval a flap is 3 changes within 1m, cleared after 20 s without one; utilization
 * above 80% (below 70%) for 20 s; an interface and a BGP session down within 30 s; lateness 10 s.
 * sla-breach and new-dependency are not run: the simulated Junos fleet has no Meraki uplinks and
 * no host dependency data.
 *
 * @param interval the poll interval everything is scaled to
 */
public record DemoCorrelation(Duration interval) {

  /** The rule instances, named after their types so the event lines say which rule fired. */
  public static final List<String> RULES = List.of("interface-flap", "sustained-utilization", "link-failure");
  public static final String NOT_RUN = "sla-breach and new-dependency are not run: the simulated Junos fleet has"
      + " no Meraki uplinks and no host dependency data";

  public Duration flapWindow() {
    return interval.multipliedBy(12);
  }

  public Duration flapQuiet() {
    return interval.multipliedBy(4);
  }

  public Duration utilizationDuration() {
    return interval.multipliedBy(4);
  }

  /** Interface down and BGP down are seen by the same poll or the next; this leaves room. */
  public Duration linkFailureWithin() {
    return max(interval.multipliedBy(6), Duration.ofSeconds(10));
  }

  /** Above the pipeline's delivery delay even on a busy machine; link-failure events wait this long. */
  public Duration lateness() {
    return max(interval.multipliedBy(2), Duration.ofSeconds(5));
  }

  /** The chaos for these rules: a spike outlasts the utilization duration, so it raises and then clears. */
  public ChaosSettings chaos(Duration period) {
    ChaosSettings defaults = ChaosSettings.defaults(interval);
    return defaults.withPeriod(period).withSpike(defaults.spikeLoad(), utilizationDuration().multipliedBy(5)
        .dividedBy(2));
  }

  /** {@code telemetry.correlation} for the rules against {@code bootstrapServers}. */
  public Config config(String bootstrapServers) {
    return ConfigFactory.parseString("""
        telemetry.correlation {
          bootstrap-servers = "%s"
          instance-id = demo
          lateness = %s
          metrics-log-interval = 30s
          rules {
            interface-flap { type = interface-flap, severity = major, changes = 3, window = %s, quiet = %s }
            sustained-utilization {
              type = sustained-utilization, severity = warning, raise-percent = 80, clear-percent = 70, duration = %s
            }
            link-failure { type = link-failure, severity = critical, within = %s }
          }
        }
        """.formatted(bootstrapServers, hocon(lateness()), hocon(flapWindow()), hocon(flapQuiet()),
        hocon(utilizationDuration()), hocon(linkFailureWithin())));
  }

  /** One line per rule instance, for the demo's output. */
  public List<String> describe() {
    return List.of(
        "interface-flap: 3 oper-status changes within " + human(flapWindow()) + ", cleared after "
            + human(flapQuiet()) + " without one",
        "sustained-utilization: in or out above 80% of the speed for " + human(utilizationDuration())
            + ", cleared below 70% for as long",
        "link-failure: an interface and a BGP session of the same device down within " + human(linkFailureWithin())
            + " (raised once records are " + human(lateness()) + " old: the lateness bound)");
  }

  private static String hocon(Duration d) {
    return d.toMillis() + "ms";
  }

  public static String human(Duration d) {
    long seconds = d.toSeconds();
    if (d.toMillisPart() != 0 || seconds == 0) {
      return d.toMillis() + "ms";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
