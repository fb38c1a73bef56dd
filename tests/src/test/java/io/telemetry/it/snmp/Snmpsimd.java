package io.telemetry.it.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's snmpsim agent serving {@code .snmprec} walks from a temp dir on a free loopback UDP
 * port, in the foreground. Each file is served under the v2c community named like the file. As
 * root, snmpsimd insists on dropping privileges (to nobody), so the data and cache directories
 * are made readable for it.
 */
public final class Snmpsimd implements AutoCloseable {

  private final AgentProcess process;

  private Snmpsimd(AgentProcess process) {
    this.process = process;
  }

  /**
   * @param walks snmprec files by the community that serves them
   */
  public static Snmpsimd start(Path workDir, Map<String, Path> walks) {
    if (walks.isEmpty()) {
      throw new IllegalArgumentException("nothing to serve");
    }
    Path snmpsimd = SnmpTools.snmpsimd();
    Path dir = workDir.resolve("snmpsim");
    Path data = dir.resolve("data");
    Path cache = dir.resolve("cache");
    boolean root = isRoot();
    try {
      Files.createDirectories(data);
      Files.createDirectories(cache);
      for (Map.Entry<String, Path> walk : walks.entrySet()) {
        Files.copy(walk.getValue(), data.resolve(walk.getKey() + ".snmprec"), StandardCopyOption.REPLACE_EXISTING);
      }
      if (root) {
        Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx--x--x"));
        for (Path d : List.of(dir, data)) {
          Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (var files = Files.list(data)) {
          for (Path f : files.toList()) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String probeCommunity = walks.keySet().iterator().next();
    AgentProcess process = AgentProcess.start("snmpsimd", port -> {
      List<String> command = new ArrayList<>(List.of(snmpsimd.toString(), "--data-dir=" + data,
          "--cache-dir=" + cache, "--agent-udpv4-endpoint=127.0.0.1:" + port, "--logging-method=stderr"));
      if (root) {
        command.addAll(List.of("--process-user=nobody", "--process-group=nogroup"));
      }
      return command;
    }, Map.of("HOME", dir.toString()), dir.resolve("snmpsimd.log"), new SnmpWalk(workDir),
        ToolLogin.v2c(probeCommunity), Duration.ofSeconds(90));
    return new Snmpsimd(process);
  }

  private static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  public int port() {
    return process.port();
  }

  public String logText() {
    return process.logText();
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return process.toString();
  }
}
