package io.telemetry.it.snmp;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The net-snmp and snmpsim programs the SNMP tests run (installed by scripts/install-snmp.sh from
 * Debian's snmpd, snmp and snmpsim packages). When one is missing the calling test fails on CI
 * (environment variable {@code CI=true}) and is skipped elsewhere, with a message saying what to
 * install.
 */
public final class SnmpTools {

  private static final List<String> SEARCH = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");

  private SnmpTools() {}

  public static Path snmpd() {
    return require("snmpd", "snmpd");
  }

  public static Path snmpwalk() {
    return require("snmpwalk", "snmp");
  }

  public static Path snmpget() {
    return require("snmpget", "snmp");
  }

  public static Path snmpsimd() {
    return require("snmpsimd", "snmpsim");
  }

  public static Path snmprec() {
    return require("snmprec", "snmpsim");
  }

  public static Path bzip2() {
    return require("bzip2", "bzip2");
  }

  /** Checks that every program is there before a test starts anything. */
  public static void requireAll() {
    snmpd();
    snmpwalk();
    snmpget();
    snmpsimd();
    snmprec();
    bzip2();
  }

  private static Path require(String program, String debianPackage) {
    Optional<Path> found = find(program);
    if (found.isPresent()) {
      return found.get();
    }
    String message = program + " not found (looked in $PATH and " + SEARCH + "); install Debian's "
        + debianPackage + " package: scripts/install-snmp.sh (run by ./run-tests) does it";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + ": CI=true, so this test fails instead of being skipped");
    }
    Assumptions.abort(message + ": test skipped");
    throw new AssertionError("unreachable");
  }

  private static Optional<Path> find(String program) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
    }
    dirs.addAll(SEARCH);
    return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, program))
        .filter(Files::isExecutable).findFirst();
  }
}
