package io.telemetry.it.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's net-snmp agent with its own configuration in a temp dir, on a free loopback UDP port, in
 * the foreground: a read-only v2c community and a v3 authPriv user (SHA / AES) created by its
 * config. It serves the machine's real interfaces, so lo's counters move with loopback traffic.
 */
public final class Snmpd implements AutoCloseable {

  public static final String COMMUNITY = "telemetry-ro";
  public static final String USER = "telemetry";
  public static final String AUTH_PASSPHRASE = "auth-passphrase-1";
  public static final String PRIV_PASSPHRASE = "priv-passphrase-1";

  private final AgentProcess process;

  private Snmpd(AgentProcess process) {
    this.process = process;
  }

  /** Starts snmpd with its files under {@code workDir/snmpd}. */
  public static Snmpd start(Path workDir) {
    Path snmpd = SnmpTools.snmpd();
    Path dir = workDir.resolve("snmpd");
    Path persistent = dir.resolve("persistent");
    Path config = dir.resolve("snmpd.conf");
    try {
      Files.createDirectories(persistent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AgentProcess process = AgentProcess.start("snmpd", port -> {
      writeConfig(config, port);
      // -f foreground, -C only our config, -Lf log file, -r no root-only files needed, -M/-m no MIBs.
      return List.of(snmpd.toString(), "-f", "-C", "-c", config.toString(), "-Lo", "-r", "-M", "/dev/null",
          "-m", "");
    }, Map.of("SNMP_PERSISTENT_DIR", persistent.toString(), "SNMPCONFPATH", dir.toString(), "MIBS", ""),
        dir.resolve("snmpd.log"), new SnmpWalk(workDir), v2c(), Duration.ofSeconds(20));
    return new Snmpd(process);
  }

  private static void writeConfig(Path config, int port) {
    String text = """
        agentAddress udp:127.0.0.1:%d
        rocommunity %s 127.0.0.1
        createUser %s SHA "%s" AES "%s"
        rouser %s priv
        sysLocation telemetry test
        sysContact telemetry test
        """.formatted(port, COMMUNITY, USER, AUTH_PASSPHRASE, PRIV_PASSPHRASE, USER);
    try {
      Files.writeString(config, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ToolLogin v2c() {
    return ToolLogin.v2c(COMMUNITY);
  }

  public static ToolLogin v3() {
    return ToolLogin.v3AuthPriv(USER, AUTH_PASSPHRASE, PRIV_PASSPHRASE);
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
