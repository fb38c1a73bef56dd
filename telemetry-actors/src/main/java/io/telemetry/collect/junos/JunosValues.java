package io.telemetry.collect.junos;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Junos value text into numbers. Anything that is not the expected shape yields "absent"
 * rather than a made-up 0 or -1: a missing value must never look like a reading.
 */
final class JunosValues {

  private static final Pattern UNSIGNED = Pattern.compile("\\d{1,20}");
  private static final Pattern SPEED = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)bps", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)\\s*(week|day|hour|minute|second)s?");
  private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]b)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern CELSIUS = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*degrees\\s*C");
  /** BGP "Last Up/Dwn" in its compact form: {@code 20w6d20h}, {@code 1d2h3m}, {@code 45s}. */
  private static final Pattern COMPACT_ELAPSED = Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
  /** BGP "Last Up/Dwn" in its clock form: {@code 1:02:03}, {@code 12:34}, {@code 3d 4:05:06}. */
  private static final Pattern CLOCK_ELAPSED = Pattern.compile("(?:(\\d+)d\\s*)?(?:(\\d+):)?(\\d+):(\\d+)");
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%?");
  private static final Pattern RPM = Pattern.compile("(\\d+)\\s*RPM", Pattern.CASE_INSENSITIVE);
  /** The relative part of a Junos timestamp, e.g. {@code (28w2d 23:54 ago)}: it changes every poll. */
  private static final Pattern AGO = Pattern.compile("\\s*\\([^)]*\\bago\\)\\s*$");

  private JunosValues() {}

  /** An unsigned 64-bit counter; values above {@code Long.MAX_VALUE} keep their bits (negative long). */
  static OptionalLong unsigned64(String text) {
    if (!UNSIGNED.matcher(text).matches()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseUnsignedLong(text));
    } catch (NumberFormatException tooLarge) {
      return OptionalLong.empty();
    }
  }

  static OptionalDouble decimal(String text) {
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  /** {@code 1000mbps}, {@code 10Gbps}, {@code 2.5Gbps} -> bits/s; {@code Auto}, {@code Unlimited} -> absent. */
  static OptionalDouble speedBps(String text) {
    Matcher m = SPEED.matcher(text);
    if (!m.matches()) {
      return OptionalDouble.empty();
    }
    double multiplier = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 1e3;
      case "m" -> 1e6;
      case "g" -> 1e9;
      case "t" -> 1e12;
      default -> 1;
    };
    return OptionalDouble.of(Double.parseDouble(m.group(1)) * multiplier);
  }

  /** {@code 165 days, 6 hours, 35 minutes, 48 seconds} -> seconds. */
  static OptionalLong durationSeconds(String text) {
    Matcher m = DURATION_PART.matcher(text);
    long seconds = 0;
    boolean any = false;
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      seconds += n * switch (m.group(2)) {
        case "week" -> 604_800L;
        case "day" -> 86_400L;
        case "hour" -> 3_600L;
        case "minute" -> 60L;
        default -> 1L;
      };
      any = true;
    }
    return any ? OptionalLong.of(seconds) : OptionalLong.empty();
  }

  /**
   * {@code 2048 MB}, {@code (49152 MB installed)} or a bare {@code 1023} (older SRX releases print
   * megabytes without the unit) -> bytes. Junos' MB are mebibytes.
   */
  static OptionalLong memoryBytes(String text) {
    Matcher m = MEMORY.matcher(text);
    if (!m.find()) {
      return OptionalLong.empty();
    }
    String unit = m.group(2) == null ? "mb" : m.group(2).toLowerCase(Locale.ROOT);
    double multiplier = switch (unit) {
      case "kb" -> 1024d;
      case "gb" -> 1024d * 1024 * 1024;
      case "tb" -> 1024d * 1024 * 1024 * 1024;
      default -> 1024d * 1024;
    };
    return OptionalLong.of(Math.round(Double.parseDouble(m.group(1)) * multiplier));
  }

  /** {@code 48 degrees C / 118 degrees F} -> 48 (used when the {@code celsius} attribute is missing). */
  static OptionalDouble celsius(String text) {
    Matcher m = CELSIUS.matcher(text);
    return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
  }

  /**
   * A BGP peer's "Last Up/Dwn" text when the {@code seconds} attribute is missing:
   * {@code 20w6d20h}, {@code 1:02:03}, {@code 3d 4:05:06} -> seconds.
   */
  static OptionalLong elapsedSeconds(String text) {
    String compact = text.strip();
    Matcher m = COMPACT_ELAPSED.matcher(compact);
    if (!compact.isEmpty() && m.matches()) {
      long seconds = 0;
      long[] unit = {604_800L, 86_400L, 3_600L, 60L, 1L};
      for (int g = 1; g <= 5; g++) {
        if (m.group(g) != null) {
          seconds += Long.parseLong(m.group(g)) * unit[g - 1];
        }
      }
      return OptionalLong.of(seconds);
    }
    m = CLOCK_ELAPSED.matcher(compact);
    if (m.matches()) {
      long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
      long first = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
      long middle = Long.parseLong(m.group(3));
      long last = Long.parseLong(m.group(4));
      // h:mm:ss when three parts are given, else mm:ss.
      long seconds = m.group(2) == null ? middle * 60 + last : first * 3600 + middle * 60 + last;
      return OptionalLong.of(days * 86_400 + seconds);
    }
    return OptionalLong.empty();
  }

  /** {@code  65}, {@code 65%} -> 65. */
  static OptionalDouble percent(String text) {
    Matcher m = PERCENT.matcher(text.strip());
    return m.matches() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
  }

  /** {@code 4920 RPM} anywhere in a fan's comment -> 4920; "Spinning at normal speed" -> absent. */
  static OptionalDouble rpm(String comment) {
    Matcher m = RPM.matcher(comment);
    return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
  }

  /** {@code up} -> 1, {@code down} -> 0, anything else -> absent. */
  static OptionalDouble upDown(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "up" -> OptionalDouble.of(1);
      case "down" -> OptionalDouble.of(0);
      default -> OptionalDouble.empty();
    };
  }

  /** {@code 2015-05-18 11:06:09 UTC (28w2d 23:54 ago)} -> {@code 2015-05-18 11:06:09 UTC}. */
  static String withoutAgo(String text) {
    return AGO.matcher(text).replaceFirst("");
  }

  static Optional<Double> boxed(OptionalDouble value) {
    return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
  }
}
