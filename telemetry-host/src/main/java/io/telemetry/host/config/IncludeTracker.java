package io.telemetry.host.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseable;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An includer that remembers what it could not include. HOCON silently skips an
 * {@code include "x.conf"} whose file is missing; a config check must say so. Every include is
 * tried as if it were {@code required(...)}; a missing one is recorded and counts as empty, as
 * the node would read it. Single use: one tracker per parse.
 */
final class IncludeTracker implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {

  /** An include that did not resolve: its argument as written and why. */
  record Missing(String what, String reason) {}

  private final List<Missing> missing = new ArrayList<>();
  private final Set<Path> included = new LinkedHashSet<>();
  private ConfigIncluder fallback;

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    this.fallback = fallback;
    return this;
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    ConfigParseable relative = context.relativeTo(what);
    if (relative != null && relative.origin().filename() != null) {
      included.add(Path.of(relative.origin().filename()));
    }
    return strictly(what, "not found, neither beside the including file nor on the classpath",
        () -> fallback.include(strict(context), what));
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    included.add(what.toPath());
    return strictly("file(\"" + what + "\")", "no such file", () -> ((ConfigIncluderFile) fallback).includeFile(strict(context), what));
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    return strictly("url(\"" + what + "\")", "cannot be read", () -> ((ConfigIncluderURL) fallback).includeURL(strict(context), what));
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    return strictly("classpath(\"" + what + "\")", "no such resource on the classpath",
        () -> ((ConfigIncluderClasspath) fallback).includeResources(strict(context), what));
  }

  List<Missing> missing() {
    return List.copyOf(missing);
  }

  /** Files that were included (and so may hold the include statements of nested includes). */
  Set<Path> included() {
    return Set.copyOf(included);
  }

  private ConfigObject strictly(String what, String reason, Supplier<ConfigObject> include) {
    try {
      return include.get();
    } catch (ConfigException.IO e) {
      missing.add(new Missing(what, reason));
      return ConfigFactory.empty().root();
    }
  }

  private static ConfigIncludeContext strict(ConfigIncludeContext context) {
    return context.setParseOptions(context.parseOptions().setAllowMissing(false));
  }
}
