package io.telemetry.selfmetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One metric as Prometheus sees it: a name, its help text, its type and its series (one value per
 * label set; a histogram's series are its {@code _bucket}, {@code _sum} and {@code _count} lines).
 */
public record MetricFamily(String name, String help, Type type, List<Series> series) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public enum Type {
    COUNTER, GAUGE, HISTOGRAM;

    String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One line: {@code name} is the family's name plus {@code suffix} ({@code ""}, {@code _bucket},
   * {@code _sum}, {@code _count}).
   */
  public record Series(String suffix, Map<String, String> labels, double value) {
    public Series {
      Objects.requireNonNull(suffix, "suffix");
      labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
      for (String label : labels.keySet()) {
        if (!LABEL.matcher(label).matches() || label.startsWith("__")) {
          throw new IllegalArgumentException("not a Prometheus label name: " + label);
        }
      }
    }
  }

  public MetricFamily {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a Prometheus metric name: " + name);
    }
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(type, "type");
    series = List.copyOf(series);
  }

  /** Collects the series of one family. */
  public static final class Builder {
    private final String name;
    private final String help;
    private final Type type;
    private final List<Series> series = new ArrayList<>();

    private Builder(String name, String help, Type type) {
      this.name = name;
      this.help = help;
      this.type = type;
    }

    public Builder add(Map<String, String> labels, double value) {
      series.add(new Series("", labels, value));
      return this;
    }

    public Builder add(String suffix, Map<String, String> labels, double value) {
      series.add(new Series(suffix, labels, value));
      return this;
    }

    public boolean isEmpty() {
      return series.isEmpty();
    }

    public MetricFamily build() {
      return new MetricFamily(name, help, type, series);
    }
  }

  public static Builder counter(String name, String help) {
    return new Builder(name, help, Type.COUNTER);
  }

  public static Builder gauge(String name, String help) {
    return new Builder(name, help, Type.GAUGE);
  }

  public static Builder histogram(String name, String help) {
    return new Builder(name, help, Type.HISTOGRAM);
  }
}
