package io.telemetry.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes sure Debian's {@code chromium} is there for the browser tests. {@code ./run-tests}
 * installs it with {@code scripts/install-chromium.sh} before Maven runs. When it is still
 * missing: on CI ({@code CI=true}) the test FAILS (CI must never pass by skipping the browser
 * test); elsewhere it is skipped, saying how to install it.
 */
public final class ChromiumInstalled {

  private ChromiumInstalled() {}

  /** The chromium executable; fails or skips the calling test when there is none. */
  public static Path require() {
    Optional<Path> found = find();
    if (found.isPresent()) {
      return found.get();
    }
    String missing = "chromium is not installed (no chromium on PATH " + System.getenv("PATH")
        + "); install it with scripts/install-chromium.sh (as root) or sudo apt-get install chromium";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing + " -- CI=true, so this browser test FAILS instead of being skipped");
    }
    Assumptions.abort(missing + " -- browser test skipped");
    throw new IllegalStateException("unreachable");
  }

  private static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "chromium");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
