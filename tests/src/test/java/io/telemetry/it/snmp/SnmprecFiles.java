package io.telemetry.it.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Walk files in snmpsim's {@code .snmprec} format ({@code OID|type|value} a line, sorted by OID):
 * decompressing the corpus' bzip2 walks, recording a live agent with snmpsim's snmprec, and
 * leaving objects out to play agents that lack them.
 */
public final class SnmprecFiles {

  private SnmprecFiles() {}

  /** Decompresses {@code bz2} into {@code out} (the corpus is never copied into the repository). */
  public static Path decompress(Path bz2, Path out) {
    run(List.of(SnmpTools.bzip2().toString(), "-dc", bz2.toString()), out, out.resolveSibling(out.getFileName()
        + ".err"));
    return out;
  }

  /**
   * Records the subtrees {@code [start, stop)} of a v2c agent on loopback, in order, into one file.
   */
  public static Path record(int port, String community, List<String[]> ranges, Path out, Path workDir) {
    List<String> lines = new ArrayList<>();
    int part = 0;
    for (String[] range : ranges) {
      Path piece = workDir.resolve(out.getFileName() + ".part" + part++);
      run(List.of(SnmpTools.snmprec().toString(), "--protocol-version=2c", "--community=" + community,
          "--agent-udpv4-endpoint=127.0.0.1:" + port, "--start-object=" + range[0], "--stop-object=" + range[1],
          "--use-getbulk", "--output-file=" + piece, "--logging-method=null"), null,
          workDir.resolve(out.getFileName() + ".log"));
      lines.addAll(read(piece));
    }
    write(out, lines);
    return out;
  }

  /** A copy of {@code in} with only the objects whose OID matches {@code keep}. */
  public static Path filter(Path in, Predicate<String> keep, Path out) {
    List<String> kept = read(in).stream().filter(line -> keep.test(line.substring(0, line.indexOf('|')))).toList();
    write(out, kept);
    return out;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, List<String> lines) {
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command, Path stdout, Path log) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
      if (stdout != null) {
        builder.redirectOutput(stdout.toFile());
      } else {
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      }
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command.get(0) + " did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(command + " exited " + process.exitValue() + ": " + Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
