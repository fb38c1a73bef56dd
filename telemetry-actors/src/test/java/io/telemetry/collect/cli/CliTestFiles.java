package io.telemetry.collect.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The hand-written Junos CLI outputs under src/test/resources/cli. */
final class CliTestFiles {

  private CliTestFiles() {}

  static String read(String name) {
    try (InputStream in = CliTestFiles.class.getResourceAsStream("/cli/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource cli/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
