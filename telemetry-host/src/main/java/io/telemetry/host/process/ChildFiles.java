package io.telemetry.host.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the launchers of child servers (Kafka broker, influxd) share: ports, logs, data folders. */
public final class ChildFiles {

  private ChildFiles() {}

  /**
   * A TCP port free on {@code host} right now. Another process may take it before the child binds
   * it: launchers that chose it retry with a fresh one when the child reports the port taken.
   */
  public static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  /** The last lines of a text file (from its last 64 KiB), or a note why there are none. */
  public static String tail(Path file, int lines) {
    if (!Files.exists(file)) {
      return "(no " + file.getFileName() + " yet)";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, 64 * 1024);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** Deletes a folder and everything in it; {@code owner} names who asked, for the error. */
  public static void deleteRecursively(Path folder, String owner) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(owner + ": cannot delete its data folder " + folder, e);
    }
  }
}
