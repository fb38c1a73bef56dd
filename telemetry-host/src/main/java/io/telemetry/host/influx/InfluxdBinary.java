package io.telemetry.host.influx;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the {@code influxd} executable: on the PATH, else Debian's {@code /usr/bin/influxd}. */
public final class InfluxdBinary {

  static final Path DEBIAN_PATH = Path.of("/usr/bin/influxd");

  private InfluxdBinary() {}

  /** The executable, if installed. */
  public static Optional<Path> find() {
    for (Path candidate : candidates()) {
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The executable; throws saying how to install it when it is missing. */
  public static Path require() {
    return find().orElseThrow(() -> new InfluxdNotInstalledException("not found on the PATH ("
        + System.getenv("PATH") + ") nor at " + DEBIAN_PATH));
  }

  /** The given executable; throws saying how to install influxd when it is not one. */
  static Path require(Path given) {
    if (!Files.isRegularFile(given) || !Files.isExecutable(given)) {
      throw new InfluxdNotInstalledException("no executable at " + given);
    }
    return given;
  }

  private static List<Path> candidates() {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "influxd"));
        }
      }
    }
    candidates.add(DEBIAN_PATH);
    return candidates;
  }
}
