package io.telemetry.it.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs net-snmp's snmpwalk / snmpget, the reference reader the collector is compared with, and
 * parses what it prints. Numeric OIDs, numeric enums, octet strings in hex ({@code -On -Oe -Ox}),
 * no MIB files and no user configuration, so that the output depends on the agent only.
 */
public final class SnmpWalk {

  private static final Pattern LINE = Pattern.compile("^(\\.[0-9.]+) = (?:([A-Za-z0-9-]+): )?(.*)$");
  private static final Comparator OID_ORDER = new Comparator();
  /** How snmpwalk/snmpget print the SNMPv2 exceptions instead of a value. */
  private static final Pattern EXCEPTION = Pattern.compile("^(No more variables left|No Such Object|No Such Instance)");

  private final Path workDir;

  /** @param workDir holds the tools' empty configuration and persistent directories */
  public SnmpWalk(Path workDir) {
    this.workDir = workDir;
  }

  /** Every object under {@code root}, keyed by numeric OID without the leading dot, in OID order. */
  public Map<String, SnmpValue> walk(int port, ToolLogin login, String root) {
    return parse(run(SnmpTools.snmpwalk(), port, login, List.of("-Cc", root)));
  }

  public Map<String, SnmpValue> get(int port, ToolLogin login, String... oids) {
    return parse(run(SnmpTools.snmpget(), port, login, List.of(oids)));
  }

  /** Whether the agent answers a GET of sysUpTime.0 (one quick try, for start-up checks). */
  public boolean answers(int port, ToolLogin login) {
    try {
      return exec(SnmpTools.snmpget(), port, login, List.of("-t", "0.5", "-r", "0", "1.3.6.1.2.1.1.3.0"))
          .exitCode() == 0;
    } catch (AssertionError e) {
      return false;
    }
  }

  private String run(Path tool, int port, ToolLogin login, List<String> args) {
    Result result = exec(tool, port, login, args);
    if (result.exitCode() != 0) {
      throw new AssertionError(tool.getFileName() + " " + login + " 127.0.0.1:" + port + " " + args + " exited "
          + result.exitCode() + ": " + result.output());
    }
    return result.output();
  }

  private record Result(int exitCode, String output) {}

  private Result exec(Path tool, int port, ToolLogin login, List<String> args) {
    List<String> command = new ArrayList<>(List.of(tool.toString(), "-On", "-Oe", "-Ox", "-m", "", "-M", "/dev/null"));
    command.addAll(login.args());
    command.add("127.0.0.1:" + port);
    command.addAll(args);
    try {
      Path conf = Files.createDirectories(workDir.resolve("snmp-tools"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("MIBS", "");
      builder.environment().put("SNMPCONFPATH", conf.toString());
      builder.environment().put("SNMP_PERSISTENT_DIR", conf.toString());
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(tool.getFileName() + " did not finish within 60 s");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + tool, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + tool, e);
    }
  }

  /** Hex strings longer than 16 bytes continue on the next line(s); those lines do not start with '.'. */
  static Map<String, SnmpValue> parse(String output) {
    Map<String, SnmpValue> values = new TreeMap<>(OID_ORDER);
    String oid = null;
    String type = null;
    StringBuilder text = null;
    for (String line : output.split("\n", -1)) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        if (oid != null) {
          values.put(oid, new SnmpValue(type, text.toString().trim()));
        }
        if (m.group(2) == null && EXCEPTION.matcher(m.group(3)).find()) {
          oid = null; // endOfMibView, noSuchObject, noSuchInstance: no value there
          continue;
        }
        oid = m.group(1).substring(1);
        type = m.group(2) == null ? "" : m.group(2);
        text = new StringBuilder(m.group(3));
      } else if (oid != null && !line.isBlank()) {
        text.append(' ').append(line);
      }
    }
    if (oid != null) {
      values.put(oid, new SnmpValue(type, text.toString().trim()));
    }
    return values;
  }

  /** Numeric OID order (1.10 after 1.9), as agents walk. */
  static final class Comparator implements java.util.Comparator<String> {
    @Override
    public int compare(String a, String b) {
      String[] x = a.split("\\.");
      String[] y = b.split("\\.");
      for (int i = 0; i < Math.min(x.length, y.length); i++) {
        int c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.length, y.length);
    }
  }
}
