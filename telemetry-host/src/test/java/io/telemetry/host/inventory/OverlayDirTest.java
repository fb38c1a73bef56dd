package io.telemetry.host.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.telemetry.host.process.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** telemetry.inventory.overlay-dir: its values, the folder's creation and lock, the Pekko settings it gives. */
class OverlayDirTest {

  @TempDir
  Path dir;

  private static Config telemetry(String overlayDir) {
    return ConfigFactory.empty().withValue("inventory.overlay-dir", ConfigValueFactory.fromAnyRef(overlayDir));
  }

  @Test
  void offKeepsTheOverlayInMemoryAndChangesNoPekkoSetting() {
    try (OverlayDir off = OverlayDir.open(telemetry("off"), "n1")) {
      assertEquals(Optional.empty(), off.folder());
      assertTrue(off.pekkoSettings(ConfigFactory.load()).isEmpty());
    }
  }

  @Test
  void anEmptyOrRelativeFolderIsRefusedNamingTheSetting() {
    ConfigException empty = assertThrows(ConfigException.class, () -> OverlayDir.configured(telemetry(" ")));
    assertTrue(empty.getMessage().contains("telemetry.inventory.overlay-dir"), empty.getMessage());
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    ConfigException relative = assertThrows(ConfigException.class,
        () -> OverlayDir.configured(telemetry("data/overlay")));
    assertTrue(relative.getMessage().contains("telemetry.inventory.overlay-dir"), relative.getMessage());
    assertTrue(relative.getMessage().contains("\"data/overlay\" is relative"), relative.getMessage());
  }

  @Test
  void theFolderIsCreatedAndItsLockFileNamesTheNode() throws Exception {
    Path folder = dir.resolve("a/b/overlay");
    try (OverlayDir held = OverlayDir.open(telemetry(folder.toString()), "collector-7")) {
      assertEquals(Optional.of(folder), held.folder());
      assertTrue(Files.isDirectory(folder));
      String line = Files.readString(folder.resolve(OverlayDir.LOCK_FILE));
      assertTrue(line.startsWith("node collector-7, pid " + ProcessHandle.current().pid() + ", since "), line);
    }
  }

  @Test
  void aFolderThatCannotBeCreatedIsRefusedNamingTheSettingAndTheFolder() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    ConfigException notAFolder = assertThrows(ConfigException.class,
        () -> OverlayDir.open(telemetry(file.toString()), "n1"));
    assertTrue(notAFolder.getMessage().contains("telemetry.inventory.overlay-dir"), notAFolder.getMessage());
    assertTrue(notAFolder.getMessage().contains(file + " exists and is not a folder"), notAFolder.getMessage());

    Path below = file.resolve("overlay"); // a folder inside a plain file: refused even for root
    ConfigException cannot = assertThrows(ConfigException.class,
        () -> OverlayDir.open(telemetry(below.toString()), "n1"));
    assertTrue(cannot.getMessage().contains("telemetry.inventory.overlay-dir"), cannot.getMessage());
    assertTrue(cannot.getMessage().contains("cannot create the folder " + below), cannot.getMessage());
  }

  @Test
  void aSecondNodeInThisJvmIsRefusedUntilTheFirstReleasesTheFolder() {
    Path folder = dir.resolve("shared");
    OverlayDir first = OverlayDir.open(telemetry(folder.toString()), "node-1");
    try {
      ConfigException refused = assertThrows(ConfigException.class,
          () -> OverlayDir.open(telemetry(folder + "/./"), "node-2"));
      assertTrue(refused.getMessage().contains("telemetry.inventory.overlay-dir"), refused.getMessage());
      assertTrue(refused.getMessage().contains("the folder " + folder + " is in use by another node (node node-1, pid "),
          refused.getMessage());
      assertTrue(refused.getMessage().contains("every node needs a folder of its own"), refused.getMessage());
    } finally {
      first.close();
    }
    try (OverlayDir second = OverlayDir.open(telemetry(folder.toString()), "node-2")) {
      assertEquals(Optional.of(folder), second.folder());
    }
  }

  @Test
  void aFolderAnotherProcessHoldsIsRefusedNamingThatNode() throws Exception {
    Path folder = dir.resolve("held-elsewhere");
    Process holder = holder(folder, OverlayDir.JVM_OPTIONS);
    try {
      assertEquals(OverlayDirHolder.HELD, firstLine(holder), "the holder JVM did not take the folder");

      ConfigException refused = assertThrows(ConfigException.class,
          () -> OverlayDir.open(telemetry(folder.toString()), "node-2"));
      assertTrue(refused.getMessage().contains("telemetry.inventory.overlay-dir"), refused.getMessage());
      assertTrue(refused.getMessage().contains("is in use by another node (node holder-node, pid " + holder.pid()),
          refused.getMessage());
    } finally {
      holder.getOutputStream().close(); // the holder exits at the end of its input
      if (!holder.waitFor(30, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    }
    try (OverlayDir after = OverlayDir.open(telemetry(folder.toString()), "node-2")) {
      assertEquals(Optional.of(folder), after.folder(), "free again once the holder exited");
    }
  }

  @Test
  void aJvmWithoutJavaNioOpenedIsRefusedBeforeLmdbWouldCrashIt() throws Exception {
    Process child = holder(dir.resolve("never-created"), List.of("-Xmx64m"));
    String line = firstLine(child);
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not exit");
    assertTrue(line.startsWith(OverlayDirHolder.REFUSED), line);
    assertTrue(line.contains("telemetry.inventory.overlay-dir"), line);
    assertTrue(line.contains("needs the JVM options --add-opens=java.base/java.nio=ALL-UNNAMED"), line);
    assertTrue(!Files.exists(dir.resolve("never-created")), "nothing is created before the check");
  }

  /** A child JVM running {@link OverlayDirHolder} on the folder. */
  private Process holder(Path folder, List<String> jvmOptions) throws Exception {
    List<String> command = new ArrayList<>(ChildJvm.command(dir.resolve("holder.args"), jvmOptions,
        OverlayDirHolder.class, List.of(OverlayDir.class, ConfigFactory.class)));
    command.add(folder.toString());
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Blocks until the child printed its first line (it has taken the folder, or was refused) or exited. */
  private static String firstLine(Process child) throws Exception {
    return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
  }

  @Test
  void clearEmptiesAFolderNoNodeHoldsAndRefusesAHeldOne() throws Exception {
    Path folder = dir.resolve("stack-overlay");
    try (OverlayDir held = OverlayDir.open(telemetry(folder.toString()), "local-node")) {
      Files.writeString(folder.resolve("data.mdb"), "stored changes");
      ConfigException refused = assertThrows(ConfigException.class, () -> OverlayDir.clear(folder));
      assertTrue(refused.getMessage().contains("is in use by another node (node local-node"), refused.getMessage());
      assertTrue(Files.exists(folder.resolve("data.mdb")), "a held folder is left alone");
    }
    OverlayDir.clear(folder);
    assertTrue(!Files.exists(folder.resolve("data.mdb")), "cleared once no node holds it");
    OverlayDir.clear(dir.resolve("never-there")); // nothing to clear: fine
  }

  @Test
  void pekkoGetsTheOverlayKeyAsDurableInExactlyThisFolder() {
    Path folder = dir.resolve("ddata"); // Pekko would append system name and port to a dir ending in "ddata"
    Config config = ConfigFactory.parseString("pekko.cluster.distributed-data.durable.keys = [\"other-key\"]");
    try (OverlayDir held = OverlayDir.open(telemetry(folder.toString()), "n1")) {
      Config pekko = held.pekkoSettings(config).withFallback(config);
      assertEquals(List.of("other-key", "telemetry-target-overlay"),
          pekko.getStringList("pekko.cluster.distributed-data.durable.keys"));
      String lmdbDir = pekko.getString("pekko.cluster.distributed-data.durable.lmdb.dir");
      assertTrue(!lmdbDir.endsWith("ddata"), lmdbDir);
      assertEquals(folder.toFile(), new java.io.File(lmdbDir), "the same folder");
    }
  }
}
