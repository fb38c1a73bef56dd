package io.telemetry.pipeline;

/** What a sink's buffer does when it is full. */
public enum OverflowPolicy {
  /** Stop taking batches: the pipeline entry fills and device actors defer polls. No loss. */
  BACKPRESSURE,
  /** Drop the oldest buffered batch to make room, and count it. Other sinks never wait. */
  DROP_OLDEST;

  /** Parses the HOCON spelling ({@code backpressure}, {@code drop-oldest}). */
  public static OverflowPolicy parse(String value, String settingPath) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "backpressure" -> BACKPRESSURE;
      case "drop-oldest" -> DROP_OLDEST;
      default -> throw new com.typesafe.config.ConfigException.BadValue(settingPath,
          "\"" + value + "\" is not an overflow policy; use backpressure or drop-oldest");
    };
  }
}
