package io.telemetry.simulate;

import java.util.Locale;

/**
 * The interface counters the simulator models, by Junos element name and, where one exists, the
 * vendor-neutral name collectors use. Every other counter in a reply is 0.
 */
enum JunosCounter {
  INPUT_BYTES("input-bytes", "in_octets"),
  OUTPUT_BYTES("output-bytes", "out_octets"),
  INPUT_PACKETS("input-packets", "in_packets"),
  OUTPUT_PACKETS("output-packets", "out_packets"),
  INPUT_ERRORS("input-errors", "in_errors"),
  INPUT_DISCARDS("input-discards", "in_discards"),
  INPUT_DROPS("input-drops", null),
  FRAMING_ERRORS("framing-errors", null),
  OUTPUT_ERRORS("output-errors", "out_errors"),
  OUTPUT_DROPS("output-drops", "out_discards");

  final String element;
  final String neutralName;

  JunosCounter(String element, String neutralName) {
    this.element = element;
    this.neutralName = neutralName;
  }

  /** Looks a counter up by neutral name ({@code in_octets}) or Junos element ({@code input-bytes}). */
  static JunosCounter named(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (JunosCounter c : values()) {
      if (wanted.equals(c.neutralName) || wanted.equals(c.element)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown counter '" + name + "'; known: in_octets, out_octets, in_packets,"
        + " out_packets, in_errors, out_errors, in_discards, out_discards, or a Junos name such as input-drops");
  }
}
