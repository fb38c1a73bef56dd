package io.telemetry.correlation.runtime;

import java.util.List;
import java.util.regex.Pattern;

/** Which devices a rule instance looks at: globs ({@code *} any run, {@code ?} one character) on the device id. */
public final class DeviceFilter {

  private final List<Pattern> globs;
  private final boolean all;

  private DeviceFilter(List<String> globs) {
    this.all = globs.contains("*");
    this.globs = globs.stream().map(DeviceFilter::toRegex).toList();
  }

  public static DeviceFilter of(List<String> globs) {
    return new DeviceFilter(globs);
  }

  public boolean matches(String device) {
    if (all) {
      return true;
    }
    for (Pattern glob : globs) {
      if (glob.matcher(device).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      switch (ch) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
