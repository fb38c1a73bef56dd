package io.telemetry.host.inventory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.telemetry.inventory.cluster.InventoryKeys;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.lmdbjava.Env;

/**
 * Where this node keeps the run-time inventory overlay ({@link InventoryKeys#OVERLAY}: targets
 * added and removed at run time) so that it survives a restart of the whole cluster: the folder of
 * {@code telemetry.inventory.overlay-dir}, given to Pekko Distributed Data's durable store (LMDB)
 * for that one key. The derived target table is not stored: the coordinator publishes it again.
 *
 * <p>Pekko opens LMDB without its lock ({@code MDB_NOLOCK}), so two nodes on one folder would
 * silently corrupt each other's data; this node therefore holds a lock file in the folder from
 * {@link #open} to {@link #close}, and refuses to start on a folder another node holds.
 */
public final class OverlayDir implements AutoCloseable {

  public static final String SETTING = "telemetry.inventory.overlay-dir";
  /**
   * lmdbjava reads direct buffers' addresses by reflection and frees them through the JDK's
   * {@code sun.nio.ch.DirectBuffer}; without these options the durable store fails in a static
   * initializer, which Pekko treats as fatal (the JVM exits). The {@code telemetry} launcher, the
   * test JVMs and {@code LocalCluster}'s nodes run with them.
   */
  public static final List<String> JVM_OPTIONS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
  static final String OFF = "off";
  static final String LOCK_FILE = "telemetry-node.lock";

  /**
   * The folders nodes of this JVM hold (real path to holder). A file lock only keeps other
   * processes out, and on Linux closing any channel of the lock file would drop this JVM's lock:
   * a second node here is refused from this table without touching the file.
   */
  private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

  private final Optional<Path> folder;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OverlayDir(Optional<Path> folder, Path key, FileChannel channel, FileLock lock) {
    this.folder = folder;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * The folder the setting names, checked but not created; empty when it is {@code off}.
   *
   * @param telemetry the {@code telemetry} block
   * @throws ConfigException.BadValue naming the setting: empty, relative or not a path
   */
  public static Optional<Path> configured(Config telemetry) {
    String value = telemetry.getString("inventory.overlay-dir").strip();
    if (value.equalsIgnoreCase(OFF)) {
      return Optional.empty();
    }
    if (value.isEmpty()) {
      throw bad(telemetry, "empty; give an absolute folder of this node's own, or off to keep run-time target"
          + " changes in memory only");
    }
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      throw bad(telemetry, "\"" + value + "\" is not a path: " + e.getReason());
    }
    // Relative would mean the process's working directory, which differs by how the node is started.
    if (!path.isAbsolute()) {
      throw bad(telemetry, "\"" + value + "\" is relative; give an absolute folder (e.g."
          + " /var/lib/telemetry/inventory-overlay), or off");
    }
    return Optional.of(path.normalize());
  }

  /**
   * Creates the configured folder if missing and locks it for this node; with {@code off}, holds nothing.
   *
   * @param nodeId written into the lock file, so that a refused node can say which node holds it
   * @throws ConfigException.BadValue naming the setting: the folder cannot be created or written,
   *                                  or another node (process or node in this JVM) holds it
   */
  public static OverlayDir open(Config telemetry, String nodeId) {
    Optional<Path> configured = configured(telemetry);
    if (configured.isEmpty()) {
      return new OverlayDir(Optional.empty(), null, null, null);
    }
    Path folder = configured.get();
    Module lmdb = Env.class.getModule();
    if (!Buffer.class.getModule().isOpen("java.nio", lmdb) || !Buffer.class.getModule().isOpen("sun.nio.ch", lmdb)) {
      throw bad(telemetry, "keeping run-time target changes on disk (LMDB) needs the JVM options "
          + String.join(" ", JVM_OPTIONS) + ", which the telemetry launcher sets; add them to the java command"
          + " line, or set off");
    }
    try {
      Files.createDirectories(folder);
    } catch (FileAlreadyExistsException e) {
      throw bad(telemetry, folder + " exists and is not a folder");
    } catch (IOException e) {
      throw bad(telemetry, "cannot create the folder " + folder + " (" + e + "); create it for the node's user,"
          + " or set a folder this node may write, or off");
    }
    Path key;
    try {
      key = folder.toRealPath();
    } catch (IOException e) {
      throw bad(telemetry, "cannot resolve the folder " + folder + " (" + e + ")");
    }
    String holder = "node " + nodeId + ", pid " + ProcessHandle.current().pid() + ", since " + Instant.now();
    String heldBy = HELD_HERE.putIfAbsent(key, holder);
    if (heldBy != null) {
      throw inUse(telemetry, folder, heldBy);
    }
    try {
      return lock(telemetry, folder, key, holder);
    } catch (RuntimeException e) {
      HELD_HERE.remove(key);
      throw e;
    }
  }

  private static OverlayDir lock(Config telemetry, Path folder, Path key, String holder) {
    Path lockFile = folder.resolve(LOCK_FILE);
    FileChannel channel;
    try {
      // No truncation before the lock is ours: the holder's line must stay readable.
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw bad(telemetry, "cannot write in the folder " + folder + " (" + e + "); give the node's user write"
          + " access, or set another folder, or off");
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      throw bad(telemetry, "cannot lock " + lockFile + " (" + e + ")");
    }
    if (lock == null) {
      String heldBy = heldBy(lockFile);
      closeQuietly(channel);
      throw inUse(telemetry, folder, heldBy);
    }
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
    } catch (IOException e) {
      closeQuietly(channel);
      throw bad(telemetry, "cannot write " + lockFile + " (" + e + ")");
    }
    return new OverlayDir(Optional.of(folder), key, channel, lock);
  }

  /**
   * Deletes what a node stored in {@code folder}, which no node may hold meanwhile: for stacks that
   * start every run without run-time changes (the demo's {@code LocalStack}, the bench).
   *
   * @throws ConfigException.BadValue when a node holds the folder, or it cannot be locked
   */
  public static void clear(Path folder) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    Config telemetry = ConfigFactory.empty().withValue("inventory.overlay-dir",
        ConfigValueFactory.fromAnyRef(folder.toAbsolutePath().toString()));
    try (OverlayDir held = open(telemetry, "clearing"); Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> !f.getFileName().toString().equals(LOCK_FILE)).toList()) {
        Files.delete(file); // LMDB's data.mdb (and lock.mdb, if any): plain files
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the run-time target changes in " + folder, e);
    }
  }

  /** The folder in use; empty when the overlay is kept in memory only. */
  public Optional<Path> folder() {
    return folder;
  }

  /**
   * The Distributed Data settings for this node: the overlay key durable, in this folder (other
   * durable keys the config names are kept). Nothing when the overlay is kept in memory.
   */
  public Config pekkoSettings(Config config) {
    if (folder.isEmpty()) {
      return ConfigFactory.empty();
    }
    String durable = "pekko.cluster.distributed-data.durable";
    List<String> keys = new ArrayList<>(config.getStringList(durable + ".keys"));
    if (!keys.contains(InventoryKeys.OVERLAY.id())) {
      keys.add(InventoryKeys.OVERLAY.id());
    }
    // Pekko appends the system name and port to a dir ending in "ddata"; a trailing separator
    // keeps the folder exactly as the operator named it.
    return ConfigFactory.empty()
        .withValue(durable + ".keys", ConfigValueFactory.fromIterable(keys))
        .withValue(durable + ".lmdb.dir", ConfigValueFactory.fromAnyRef(folder.get() + File.separator));
  }

  /** Releases the folder (after the actor system, and with it the durable store, has stopped). */
  @Override
  public void close() {
    if (channel == null || !closed.compareAndSet(false, true)) {
      return; // nothing held, or released already
    }
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      // the channel's close below releases it too
    }
    closeQuietly(channel);
    HELD_HERE.remove(key);
  }

  private static String heldBy(Path lockFile) {
    try {
      return Files.readString(lockFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing held any more
    }
  }

  private static ConfigException.BadValue inUse(Config telemetry, Path folder, String holder) {
    return bad(telemetry, "the folder " + folder + " is in use by another node" + (holder.isEmpty() ? "" : " ("
        + holder + ")") + "; every node needs a folder of its own");
  }

  private static ConfigException.BadValue bad(Config telemetry, String message) {
    return new ConfigException.BadValue(telemetry.getValue("inventory.overlay-dir").origin(), SETTING, message);
  }
}
