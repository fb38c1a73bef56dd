package io.telemetry.selfmetrics;

import java.util.List;
import java.util.Map;

/**
 * Writes metric families in the Prometheus text exposition format 0.0.4. Hand-written (about forty
 * lines) rather than a client library: our counters already live in LongAdders and the format is
 * small and stable, so a library would only add a second registry to keep in step with them.
 */
public final class PrometheusText {

  /** The content type Prometheus expects for this format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  public static String write(List<MetricFamily> families) {
    StringBuilder out = new StringBuilder();
    for (MetricFamily family : families) {
      out.append("# HELP ").append(family.name()).append(' ').append(escapeHelp(family.help())).append('\n');
      out.append("# TYPE ").append(family.name()).append(' ').append(family.type().text()).append('\n');
      for (MetricFamily.Series series : family.series()) {
        out.append(family.name()).append(series.suffix());
        labels(out, series.labels());
        out.append(' ').append(value(series.value())).append('\n');
      }
    }
    return out.toString();
  }

  private static void labels(StringBuilder out, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(label.getKey()).append("=\"").append(escapeLabel(label.getValue())).append('"');
    }
    out.append('}');
  }

  /** Label values escape backslash, double quote and line feed. */
  static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Help text escapes backslash and line feed only. */
  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /** Go-style float text: NaN, +Inf, -Inf; whole numbers without a fraction. */
  static String value(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** The {@code le} label of a bucket bound. */
  public static String bound(double upper) {
    return Double.isInfinite(upper) ? "+Inf" : Double.toString(upper);
  }
}
