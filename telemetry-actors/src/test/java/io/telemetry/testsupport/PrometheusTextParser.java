package io.telemetry.testsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, written from the format's
 * description (not from our writer): it rejects what Prometheus would reject and what the format
 * forbids (a family's lines split up, TYPE after samples, duplicate series, bad escapes, histogram
 * buckets that are not cumulative or disagree with {@code _count}). Throws
 * {@link IllegalArgumentException} naming the line.
 */
public final class PrometheusTextParser {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  public record Sample(String name, Map<String, String> labels, double value) {}

  public record Family(String name, String type, String help, List<Sample> samples) {

    /** The value of the sample named {@code name} with exactly these labels. */
    public Optional<Double> value(String name, Map<String, String> labels) {
      return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
          .map(Sample::value).findFirst();
    }
  }

  private PrometheusTextParser() {}

  public static Map<String, Family> parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition must end with a line feed");
    }
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> helps = new LinkedHashMap<>();
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    Set<String> closed = new HashSet<>();
    Set<String> seriesSeen = new HashSet<>();
    String current = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      String where = "line " + (i + 1) + " '" + line + "': ";
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
          String family = parts[2];
          require(METRIC_NAME.matcher(family).matches(), where + "bad metric name");
          current = enter(family, current, closed, where);
          String rest = parts.length == 4 ? parts[3] : "";
          if (parts[1].equals("TYPE")) {
            require(TYPES.contains(rest), where + "unknown type");
            require(!types.containsKey(family), where + "second TYPE line");
            require(!samples.containsKey(family), where + "TYPE after the family's samples");
            types.put(family, rest);
          } else {
            require(!helps.containsKey(family), where + "second HELP line");
            helps.put(family, unescape(rest, false, where));
          }
        }
        continue;
      }
      Sample sample = sampleLine(line, where);
      String family = familyOf(sample.name(), types);
      current = enter(family, current, closed, where);
      require(seriesSeen.add(sample.name() + sample.labels()), where + "duplicate series");
      samples.computeIfAbsent(family, k -> new ArrayList<>()).add(sample);
    }
    Map<String, Family> out = new LinkedHashMap<>();
    Set<String> names = new java.util.LinkedHashSet<>(types.keySet());
    names.addAll(samples.keySet());
    for (String name : names) {
      Family family = new Family(name, types.getOrDefault(name, "untyped"), helps.getOrDefault(name, ""),
          samples.getOrDefault(name, List.of()));
      check(family);
      out.put(name, family);
    }
    return out;
  }

  /** All lines of a family must be together: once another family started, it may not come back. */
  private static String enter(String family, String current, Set<String> closed, String where) {
    if (!family.equals(current)) {
      require(!closed.contains(family), where + "lines of family " + family + " are not together");
      if (current != null) {
        closed.add(current);
      }
    }
    return family;
  }

  private static String familyOf(String name, Map<String, String> types) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String type = types.get(base);
        if ("histogram".equals(type) || "summary".equals(type) && !suffix.equals("_bucket")) {
          return base;
        }
      }
    }
    return name;
  }

  private static Sample sampleLine(String line, String where) {
    Matcher name = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(line);
    require(name.find(), where + "no metric name");
    int pos = name.end();
    Map<String, String> labels = new TreeMap<>();
    if (pos < line.length() && line.charAt(pos) == '{') {
      pos++;
      while (true) {
        require(pos < line.length(), where + "unterminated labels");
        if (line.charAt(pos) == '}') {
          pos++;
          break;
        }
        Matcher label = LABEL_NAME.matcher(line).region(pos, line.length());
        require(label.lookingAt(), where + "bad label name at " + pos);
        String key = label.group();
        pos = label.end();
        require(line.startsWith("=\"", pos), where + "expected =\" after label " + key);
        pos += 2;
        StringBuilder value = new StringBuilder();
        while (true) {
          require(pos < line.length(), where + "unterminated label value");
          char c = line.charAt(pos++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            require(pos < line.length(), where + "dangling backslash");
            char e = line.charAt(pos++);
            value.append(switch (e) {
              case '\\' -> '\\';
              case '"' -> '"';
              case 'n' -> '\n';
              default -> throw new IllegalArgumentException(where + "bad escape \\" + e);
            });
          } else {
            value.append(c);
          }
        }
        require(labels.put(key, value.toString()) == null, where + "label " + key + " twice");
        require(pos < line.length(), where + "unterminated labels");
        if (line.charAt(pos) == ',') {
          pos++;
        } else {
          require(line.charAt(pos) == '}', where + "expected , or } after a label");
        }
      }
    }
    require(pos < line.length() && line.charAt(pos) == ' ', where + "expected a space before the value");
    String[] rest = line.substring(pos + 1).split(" ");
    require(rest.length == 1 || rest.length == 2, where + "expected a value and an optional timestamp");
    if (rest.length == 2) {
      require(rest[1].matches("-?[0-9]+"), where + "bad timestamp");
    }
    return new Sample(line.substring(0, name.end()), labels, number(rest[0], where));
  }

  private static double number(String text, String where) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        require(text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?"), where + "bad value " + text);
        return Double.parseDouble(text);
    }
  }

  private static String unescape(String text, boolean quotes, String where) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      require(i + 1 < text.length(), where + "dangling backslash");
      char e = text.charAt(++i);
      if (e == '\\') {
        out.append('\\');
      } else if (e == 'n') {
        out.append('\n');
      } else if (quotes && e == '"') {
        out.append('"');
      } else {
        throw new IllegalArgumentException(where + "bad escape \\" + e);
      }
    }
    return out.toString();
  }

  private static void check(Family family) {
    for (Sample s : family.samples()) {
      if (family.type().equals("counter")) {
        require(s.name().equals(family.name()), family.name() + ": counter sample named " + s.name());
        require(s.value() >= 0 || Double.isNaN(s.value()), family.name() + ": negative counter " + s);
      }
    }
    if (!family.type().equals("histogram")) {
      return;
    }
    Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
    Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
    for (Sample s : family.samples()) {
      if (s.name().equals(family.name() + "_bucket")) {
        require(s.labels().containsKey("le"), family.name() + ": bucket without le " + s);
        Map<String, String> rest = new TreeMap<>(s.labels());
        rest.remove("le");
        buckets.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
      } else if (s.name().equals(family.name() + "_count")) {
        counts.put(s.labels(), s.value());
      } else {
        require(s.name().equals(family.name() + "_sum"), family.name() + ": unexpected sample " + s);
      }
    }
    buckets.forEach((labels, list) -> {
      list.sort(java.util.Comparator.comparingDouble(b -> number(b.labels().get("le"), family.name())));
      double previous = 0;
      for (Sample b : list) {
        require(b.value() >= previous, family.name() + labels + ": buckets are not cumulative at le=" + b.labels().get("le"));
        previous = b.value();
      }
      Sample last = list.get(list.size() - 1);
      require(last.labels().get("le").equals("+Inf"), family.name() + labels + ": no +Inf bucket");
      require(counts.containsKey(labels), family.name() + labels + ": no _count");
      require(counts.get(labels) == last.value(), family.name() + labels + ": _count differs from the +Inf bucket");
    });
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
