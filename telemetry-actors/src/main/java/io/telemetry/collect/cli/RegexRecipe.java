package io.telemetry.collect.cli;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to read key-value text: every match of {@code pattern} in the output is one record and
 * gives one sample of {@code family}. The maps go from the sample's field (or tag) name to the
 * pattern's named group, e.g. {@code in_octets -> inOctets} (Java group names allow letters and
 * digits only, so vendor-neutral names with underscores are mapped).
 *
 * @param counterBits width of the counters (32 or 64), for wrap arithmetic
 */
public record RegexRecipe(
    String family,
    Pattern pattern,
    Map<String, String> tags,
    Map<String, String> counters,
    Map<String, String> gauges,
    int counterBits) {

  public RegexRecipe {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(pattern, "pattern");
    tags = Map.copyOf(tags);
    counters = Map.copyOf(counters);
    gauges = Map.copyOf(gauges);
    if (counters.isEmpty() && gauges.isEmpty()) {
      throw new IllegalArgumentException("a regex recipe needs at least one counter or gauge");
    }
    if (counterBits != 32 && counterBits != 64) {
      throw new IllegalArgumentException("counterBits must be 32 or 64, was " + counterBits);
    }
  }
}
