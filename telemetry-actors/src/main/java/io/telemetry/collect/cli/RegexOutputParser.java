package io.telemetry.collect.cli;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads key-value text with a {@link RegexRecipe}: each match of the pattern is one record and
 * one sample. A group that did not take part in a match, or whose text is not a number, leaves
 * its field out (never a made-up 0).
 */
final class RegexOutputParser {

  private static final Pattern UNSIGNED = Pattern.compile("\\d{1,20}");

  private RegexOutputParser() {}

  static List<Sample> parse(String device, Instant time, RegexRecipe recipe, String output) throws CliParseException {
    Matcher m = recipe.pattern().matcher(output);
    List<Sample> samples = new ArrayList<>();
    Map<Map<String, String>, Integer> seen = new HashMap<>();
    while (m.find()) {
      Map<String, String> tags = new LinkedHashMap<>();
      recipe.tags().forEach((tag, group) -> {
        String value = m.group(group);
        if (value != null && !value.isBlank()) {
          tags.put(tag, value.strip());
        }
      });
      Integer earlier = seen.putIfAbsent(tags, samples.size() + 1);
      if (earlier != null) {
        throw new CliParseException("records " + earlier + " and " + (samples.size() + 1) + " have the same tags "
            + tags + "; the pattern's tag groups must tell records apart");
      }
      Map<String, Long> counters = new LinkedHashMap<>();
      recipe.counters().forEach((field, group) -> {
        String value = m.group(group);
        if (value != null && UNSIGNED.matcher(value.strip()).matches()) {
          try {
            counters.put(field, Long.parseUnsignedLong(value.strip()));
          } catch (NumberFormatException tooLarge) {
            // beyond 64 bits: not a counter value
          }
        }
      });
      Map<String, Double> gauges = new LinkedHashMap<>();
      recipe.gauges().forEach((field, group) -> {
        String value = m.group(group);
        if (value != null) {
          try {
            double number = Double.parseDouble(value.strip());
            if (Double.isFinite(number)) {
              gauges.put(field, number);
            }
          } catch (NumberFormatException notANumber) {
            // absent
          }
        }
      });
      samples.add(new Sample(device, recipe.family(), time, tags, counters, gauges, Map.of(), recipe.counterBits(), ""));
    }
    if (samples.isEmpty()) {
      throw new CliParseException("the pattern matched nothing (" + output.length() + " characters: \""
          + CliOutputCheck.shorten(output.strip()) + "\")");
    }
    return samples;
  }
}
