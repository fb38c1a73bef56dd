package io.telemetry.it.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's chromium headless on one URL: the DOM after the page's scripts ran
 * ({@code --dump-dom}), or a screenshot. {@code --virtual-time-budget} lets the page's timers
 * and fetches run for that much (virtual) time before the DOM is taken.
 */
final class HeadlessChromium {

  private static final Duration PROCESS_DEADLINE = Duration.ofSeconds(40);

  private final Path executable;
  private final Path profiles;

  HeadlessChromium(Path executable, Path profiles) {
    this.executable = executable;
    this.profiles = profiles;
  }

  String dumpDom(String url, Duration budget) throws IOException, InterruptedException {
    return run(url, budget, List.of("--dump-dom"));
  }

  void screenshot(String url, Duration budget, Path file) throws IOException, InterruptedException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    run(url, budget, List.of("--screenshot=" + file.toAbsolutePath(), "--window-size=1280,900",
        "--hide-scrollbars"));
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      throw new AssertionError("chromium wrote no screenshot at " + file + " for " + url);
    }
  }

  private String run(String url, Duration budget, List<String> extra) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(profiles, "chromium-profile-");
    Path out = profile.resolve("stdout.txt");
    Path err = profile.resolve("stderr.txt");
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile.resolve("data"),
        "--virtual-time-budget=" + budget.toMillis()));
    command.addAll(extra);
    command.add(url);
    Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!chromium.waitFor(PROCESS_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      throw new AssertionError("chromium did not finish within " + PROCESS_DEADLINE + " on " + url + ": "
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    if (chromium.exitValue() != 0) {
      throw new AssertionError("chromium exited with " + chromium.exitValue() + " on " + url + ": "
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
