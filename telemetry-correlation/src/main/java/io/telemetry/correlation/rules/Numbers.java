package io.telemetry.correlation.rules;

import java.util.Locale;

/** Numbers in summaries and details: fixed, locale-independent text so events are byte-stable. */
public final class Numbers {

  private Numbers() {}

  /** At most two decimals, no trailing zeros: {@code 80}, {@code 93.75}, {@code 5.5}. */
  public static String text(double value) {
    String text = String.format(Locale.ROOT, "%.2f", value);
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
  }
}
