package io.telemetry.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real device captures (the reference corpus) are. Tests read them from the folder given
 * by the system property {@code telemetry.corpus} (the root pom passes {@code ../shared/fixtures}
 * beside the repository); without the property, the nearest {@code shared/fixtures} above the
 * working directory is used. When the folder is missing the calling test is skipped with a clear
 * message, except on CI (environment variable {@code CI=true}), where it fails: CI must never
 * pass by silently skipping the corpus.
 *
 * <p>The captures are not part of the project and are never copied into it.
 */
public final class Corpus {

  public static final String PROPERTY = "telemetry.corpus";

  private Corpus() {}

  /** The corpus folder; skips (or on CI fails) the calling test when it does not exist. */
  public static Path root() {
    List<Path> tried = new ArrayList<>();
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured).toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        return path;
      }
      tried.add(path);
    } else {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve("shared").resolve("fixtures");
        if (Files.isDirectory(candidate)) {
          return candidate;
        }
        tried.add(candidate);
      }
    }
    String message = "device capture corpus not found (system property " + PROPERTY + "="
        + (configured == null ? "<unset>" : configured) + "; tried " + tried + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + ": CI=true, so this test fails instead of being skipped");
    }
    Assumptions.abort(message + ": test skipped");
    throw new AssertionError("unreachable");
  }

  /**
   * A file inside the corpus, e.g. {@code junos/pyez/get-interface-information.xml}. A missing
   * corpus skips the test (see {@link #root()}); a missing file in a present corpus always fails.
   */
  public static Path file(String relative) {
    Path path = root().resolve(relative);
    if (!Files.isRegularFile(path)) {
      fail("corpus file missing: " + path);
    }
    return path;
  }

  /** The text of a corpus file (see {@link #file}). */
  public static String read(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus file " + relative, e);
    }
  }
}
