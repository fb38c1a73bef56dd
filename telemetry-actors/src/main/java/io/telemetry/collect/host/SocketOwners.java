package io.telemetry.collect.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which process holds which socket: every {@code /proc/<pid>/fd/*} link reads
 * {@code socket:[<inode>]} for a socket, and {@code /proc/<pid>/comm} names the process (the
 * executable's name, at most 15 characters, e.g. {@code java}, {@code nginx}).
 *
 * <p>Processes that cannot be read (another user's, without the privilege to look; or gone
 * between listing and reading) are skipped and counted: their sockets stay without a process.
 * When several processes hold one socket (a forked server), the lowest pid names it.
 */
public final class SocketOwners {

  private static final String SOCKET_PREFIX = "socket:[";

  /**
   * @param processByInode        process name per socket inode, for the inodes asked about
   * @param unreadableProcesses   processes skipped because their fds or name could not be read
   */
  public record Owners(Map<Long, String> processByInode, int unreadableProcesses) {
    public Owners {
      processByInode = Map.copyOf(processByInode);
    }
  }

  private SocketOwners() {}

  /**
   * @param procRoot the proc file system ({@code /proc})
   * @param inodes   the socket inodes of interest; others are not recorded
   * @throws IOException when {@code procRoot} itself cannot be listed
   */
  public static Owners scan(Path procRoot, Set<Long> inodes) throws IOException {
    Map<Long, String> owners = new HashMap<>();
    int unreadable = 0;
    for (long pid : pids(procRoot)) {
      Path process = procRoot.resolve(Long.toString(pid));
      try {
        List<Long> held = socketsOf(process.resolve("fd"), inodes, owners);
        if (held.isEmpty()) {
          continue;
        }
        String name = Files.readString(process.resolve("comm"), StandardCharsets.UTF_8).strip();
        held.forEach(inode -> owners.put(inode, name));
      } catch (IOException | SecurityException e) {
        unreadable++;
      }
    }
    return new Owners(owners, unreadable);
  }

  private static List<Long> pids(Path procRoot) throws IOException {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.isEmpty() && name.length() <= 18 && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
          pids.add(Long.parseLong(name));
        }
      }
    }
    pids.sort(null);
    return pids;
  }

  /** The wanted, not yet owned socket inodes among a process's fds. */
  private static List<Long> socketsOf(Path fdDir, Set<Long> wanted, Map<Long, String> owned) throws IOException {
    List<Long> held = new ArrayList<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
          continue; // the fd was closed since the listing, or is not a link
        }
        if (target.startsWith(SOCKET_PREFIX) && target.endsWith("]")) {
          long inode = parseInode(target);
          if (inode > 0 && wanted.contains(inode) && !owned.containsKey(inode)) {
            held.add(inode);
          }
        }
      }
    }
    return held;
  }

  private static long parseInode(String target) {
    String digits = target.substring(SOCKET_PREFIX.length(), target.length() - 1);
    if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    return Long.parseLong(digits);
  }
}
