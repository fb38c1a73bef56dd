package io.telemetry.sink.kafka;

import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/** Checks a Kafka bootstrap list ({@code host:port,host:port}) before a producer ever sees it. */
final class BootstrapServers {

  private BootstrapServers() {}

  /**
   * @param settingPath named in the error, e.g. {@code telemetry.kafka.bootstrap-servers}
   * @return the list with blanks around entries removed
   */
  static String validate(String servers, String settingPath) {
    if (servers == null || servers.isBlank()) {
      throw new ConfigException.BadValue(settingPath,
          "is empty; set it to the Kafka brokers as host:port[,host:port...]"
              + " (or the TELEMETRY_KAFKA_BOOTSTRAP environment variable)");
    }
    List<String> entries = new ArrayList<>();
    for (String raw : servers.split(",")) {
      String entry = raw.trim();
      int colon = entry.lastIndexOf(':');
      if (colon <= 0 || !validPort(entry.substring(colon + 1))) {
        throw new ConfigException.BadValue(settingPath,
            "entry '" + entry + "' of '" + servers + "' is not host:port");
      }
      entries.add(entry);
    }
    return String.join(",", entries);
  }

  private static boolean validPort(String text) {
    try {
      int port = Integer.parseInt(text);
      return port > 0 && port <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
