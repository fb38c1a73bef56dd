package io.telemetry.collect.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A hand-built proc tree: socket tables, and processes with their fds and names. */
final class FakeProc {

  static final String TCP_HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
  static final String TCP6_HEADER = "  sl  local_address                         remote_address                        st"
      + " tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

  private final Path root;

  FakeProc(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root.resolve("net"));
  }

  Path root() {
    return root;
  }

  FakeProc tcp(String rows) throws IOException {
    Files.writeString(root.resolve("net/tcp"), TCP_HEADER + rows);
    return this;
  }

  FakeProc tcp6(String rows) throws IOException {
    Files.writeString(root.resolve("net/tcp6"), TCP6_HEADER + rows);
    return this;
  }

  /** A process named {@code comm} whose fds 3, 4, ... are the given socket inodes (fd 0 is a terminal). */
  FakeProc process(int pid, String comm, long... sockets) throws IOException {
    Path process = root.resolve(Integer.toString(pid));
    Path fd = Files.createDirectories(process.resolve("fd"));
    Files.createSymbolicLink(fd.resolve("0"), Path.of("/dev/pts/0"));
    for (int i = 0; i < sockets.length; i++) {
      Files.createSymbolicLink(fd.resolve(Integer.toString(3 + i)), Path.of("socket:[" + sockets[i] + "]"));
    }
    Files.writeString(process.resolve("comm"), comm + "\n");
    return this;
  }

  /** A process that exited between the listing of /proc and the reading of its fds. */
  FakeProc vanished(int pid) throws IOException {
    Files.createDirectories(root.resolve(Integer.toString(pid)));
    return this;
  }

  /** A process whose fds cannot be listed (here: fd is not a directory). */
  FakeProc unreadable(int pid) throws IOException {
    Path process = Files.createDirectories(root.resolve(Integer.toString(pid)));
    Files.writeString(process.resolve("fd"), "");
    Files.writeString(process.resolve("comm"), "secret\n");
    return this;
  }
}
