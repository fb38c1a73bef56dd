package io.telemetry.correlation.runtime;

import com.typesafe.config.ConfigUtil;

/** Rule and type names are HOCON keys and may contain dots or dashes: quote them for path look-ups. */
final class ConfigQuoting {

  private ConfigQuoting() {}

  static String key(String name) {
    return ConfigUtil.joinPath(name);
  }
}
