package io.telemetry.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.telemetry.host.influx.EmbeddedInflux;
import io.telemetry.host.influx.InfluxdBinary;
import io.telemetry.host.influx.InfluxdNotInstalledException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes sure the real InfluxDB server ({@code influxd}, Debian's influxdb package) is there for
 * the tests that need it. {@code ./run-tests} installs it with {@code scripts/install-influxdb.sh}
 * before Maven runs. When it is still missing:
 * <ul>
 *   <li>on CI (environment variable {@code CI=true}) the test FAILS: CI must never pass by
 *       skipping the InfluxDB tests;</li>
 *   <li>elsewhere, when running as root, the install script is tried once (per test JVM);</li>
 *   <li>otherwise the test is skipped, saying how to install it.</li>
 * </ul>
 */
public final class InfluxdInstalled {

  private static final String SCRIPT = "scripts/install-influxdb.sh";
  private static boolean scriptTried;

  private InfluxdInstalled() {}

  /** Returns when influxd is installed; fails, installs or skips the calling test otherwise. */
  public static synchronized void require() {
    if (EmbeddedInflux.installed()) {
      return;
    }
    String missing = whyMissing();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing + " -- CI=true, so this test FAILS instead of being skipped: ./run-tests runs " + SCRIPT
          + " before Maven; make sure it can (root, apt sources)");
    }
    String tried = "";
    if (isRoot() && !scriptTried) {
      scriptTried = true;
      tried = runInstallScript();
      if (EmbeddedInflux.installed()) {
        return;
      }
    }
    Assumptions.abort(missing + " -- InfluxDB test skipped"
        + (tried.isEmpty() ? " (not root, so " + SCRIPT + " was not tried)" : "; " + tried));
  }

  private static String whyMissing() {
    try {
      InfluxdBinary.require();
      return "influxd is installed";
    } catch (InfluxdNotInstalledException e) {
      return e.getMessage();
    }
  }

  private static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  private static String runInstallScript() {
    Optional<Path> script = findScript();
    if (script.isEmpty()) {
      return SCRIPT + " not found above " + Path.of("").toAbsolutePath();
    }
    try {
      Path output = Files.createTempFile("install-influxdb-", ".log");
      Process install = new ProcessBuilder("bash", script.get().toString())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      if (!install.waitFor(10, TimeUnit.MINUTES)) {
        install.destroyForcibly();
        return script.get() + " did not finish within 10 minutes";
      }
      String log = Files.readString(output, StandardCharsets.UTF_8);
      Files.deleteIfExists(output);
      return script.get() + " exited with " + install.exitValue() + ": " + log.strip();
    } catch (IOException e) {
      return "cannot run " + script.get() + ": " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while running " + script.get();
    }
  }

  private static Optional<Path> findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(SCRIPT);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
