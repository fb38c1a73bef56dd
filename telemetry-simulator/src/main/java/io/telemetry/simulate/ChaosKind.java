package io.telemetry.simulate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of incident {@link FleetChaos} stages, each named as on the command line. */
public enum ChaosKind {
  /** An interface without BGP sessions goes down and up a few times (interface-flap rule). */
  LINK_FLAP("flap"),
  /** An interface carrying BGP sessions goes down for a while, its sessions with it (link-failure rule). */
  LINK_FAILURE("link-failure"),
  /** A BGP session goes down and comes back while its interface stays up. */
  BGP_DROP("bgp-drop"),
  /** An interface runs at ~95% of its speed for a while (sustained-utilization rule). */
  UTILIZATION_SPIKE("spike");

  private final String label;

  ChaosKind(String label) {
    this.label = label;
  }

  /** The command-line name: flap, link-failure, bgp-drop or spike. */
  public String label() {
    return label;
  }

  /** Looks a kind up by its command-line name or its constant name, case-insensitively. */
  public static ChaosKind parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (ChaosKind kind : values()) {
      if (kind.label.equals(wanted) || kind.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown chaos kind '" + name + "'; known: "
        + Arrays.stream(values()).map(ChaosKind::label).collect(Collectors.joining(", ")));
  }
}
