package io.telemetry.it.influx;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana's InfluxDB datasource does to a raw query before sending it: {@code $timeFilter}
 * becomes a time condition, {@code $__interval} a duration, and {@code $name} / {@code ${name}}
 * the variable's value. A variable the map does not hold (a typo, a macro the test does not
 * stand in for) fails, naming the query.
 */
final class GrafanaMacros {

  static final String TIME_FILTER = "time > now() - 10m";
  static final String INTERVAL = "2s";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");
  // kbn.regexEscape of Grafana: how a selected value is put into a /regex/.
  private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$*+?.()|\\[\\]{}/]");

  private GrafanaMacros() {}

  /** The query with every macro and variable replaced; {@code values} holds the variables' texts. */
  static String expand(String query, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = switch (name) {
        case "timeFilter" -> TIME_FILTER;
        case "__interval" -> INTERVAL;
        default -> {
          String v = values.get(name);
          if (v == null) {
            throw new AssertionError("unknown variable $" + name + " in " + query + " (known: " + values.keySet() + ")");
          }
          yield v;
        }
      };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** One selected value of a multi-value variable, as Grafana writes it into a regex. */
  static String regexValue(String value) {
    return REGEX_SPECIAL.matcher(value).replaceAll(r -> Matcher.quoteReplacement("\\" + r.group()));
  }
}
