package io.telemetry.collect.cli;

import java.util.Arrays;
import java.util.Optional;

/** How a command's output is read, by the name used in HOCON ({@code format = junos-xml}). */
public enum CliFormat {
  /** Junos {@code | display xml}: the same documents as the NETCONF RPC replies. */
  JUNOS_XML("junos-xml"),
  /** Junos {@code | display json}: every leaf an array of objects with {@code data} (and {@code attributes}). */
  JUNOS_JSON("junos-json"),
  /** Text read record by record with a declared regular expression with named groups. */
  REGEX("regex");

  private final String configName;

  CliFormat(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Optional<CliFormat> named(String name) {
    return Arrays.stream(values()).filter(f -> f.configName.equals(name)).findFirst();
  }

  /** The names accepted in HOCON, for error messages. */
  public static String names() {
    return Arrays.stream(values()).map(CliFormat::configName).toList().toString();
  }
}
