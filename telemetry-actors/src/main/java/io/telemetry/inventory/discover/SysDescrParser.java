package io.telemetry.inventory.discover;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code os}, {@code os_version} and {@code model} from a {@code sysDescr} where the vendor's
 * format carries them. Formats (first line of the agent's text):
 *
 * <ul>
 *   <li>Junos: {@code Juniper Networks, Inc. mx480 internet router, kernel JUNOS 12.2R1.3, Build date: ...}
 *   <li>Cisco IOS / IOS XE / NX-OS / IOS XR: {@code Cisco IOS Software, C3750 Software (C3750-IPBASE-M), Version 12.2(50)SE5, RELEASE SOFTWARE (fc1)}
 *   <li>Arista: {@code Arista Networks EOS version 4.24.2F running on an Arista Networks DCS-7280SR-48C6}
 *   <li>Nokia SR OS: {@code TiMOS-C-20.10.R3 cpm/hops64 Nokia 7750 SR Copyright (c) ...}
 *   <li>Huawei VRP: {@code Huawei Versatile Routing Platform Software ... VRP (R) software, Version 8.180 (NE40E V800R011C00SPC200)}
 *   <li>net-snmp on a host: {@code uname -a}, e.g. {@code Linux web1 6.1.0-18-amd64 #1 SMP ... x86_64}
 * </ul>
 *
 * Anything else yields nothing: a wrong guess would mislead selectors more than a missing value.
 */
final class SysDescrParser {

  private static final Pattern JUNOS_MODEL = Pattern.compile("Juniper Networks, Inc\\.\\s+(\\S+)");
  private static final Pattern JUNOS_VERSION = Pattern.compile("JUNOS\\s+([0-9][^,\\s\\]]*)");
  private static final Pattern CISCO_VERSION = Pattern.compile("Version\\s+([0-9][^,\\s\\[]*)");
  private static final Pattern ARISTA = Pattern.compile("EOS version\\s+(\\S+)(?:\\s+running on an Arista Networks\\s+(\\S+))?");
  private static final Pattern TIMOS = Pattern.compile("TiMOS-[A-Z]-(\\S+).*?Nokia\\s+(\\d{4}\\s+\\S+)", Pattern.DOTALL);
  private static final Pattern VRP = Pattern.compile("VRP \\(R\\) software, Version\\s+(\\S+)(?:\\s+\\((\\S+)\\s+V\\d)?");
  private static final Pattern UNAME = Pattern.compile("(Linux|FreeBSD|OpenBSD|NetBSD|Darwin|SunOS)\\s+\\S+\\s+(\\S+)");

  private SysDescrParser() {}

  /** What the description tells, by attribute name; empty when the format is unknown. */
  static Map<String, String> parse(String vendor, String sysDescr) {
    Map<String, String> found = new LinkedHashMap<>();
    switch (vendor) {
      case "juniper" -> {
        find(JUNOS_MODEL, sysDescr, 1, "model", found);
        if (find(JUNOS_VERSION, sysDescr, 1, "os_version", found)) {
          found.put("os", "junos");
        }
      }
      case "cisco" -> {
        String os = sysDescr.contains("NX-OS") ? "nx-os" : sysDescr.contains("IOS XR") ? "ios-xr"
            : sysDescr.contains("IOS-XE") || sysDescr.contains("IOS XE") ? "ios-xe"
            : sysDescr.contains("IOS") ? "ios" : null;
        if (os != null) {
          found.put("os", os);
          find(CISCO_VERSION, sysDescr, 1, "os_version", found);
        }
      }
      case "arista" -> {
        Matcher m = ARISTA.matcher(sysDescr);
        if (m.find()) {
          found.put("os", "eos");
          found.put("os_version", m.group(1));
          if (m.group(2) != null) {
            found.put("model", m.group(2));
          }
        }
      }
      case "nokia" -> {
        Matcher m = TIMOS.matcher(sysDescr);
        if (m.find()) {
          found.put("os", "sros");
          found.put("os_version", m.group(1));
          found.put("model", m.group(2));
        }
      }
      case "huawei" -> {
        Matcher m = VRP.matcher(sysDescr);
        if (m.find()) {
          found.put("os", "vrp");
          found.put("os_version", m.group(1));
          if (m.group(2) != null) {
            found.put("model", m.group(2));
          }
        }
      }
      case "net-snmp" -> {
        Matcher m = UNAME.matcher(sysDescr);
        if (m.lookingAt()) {
          found.put("os", m.group(1).toLowerCase(Locale.ROOT));
          found.put("os_version", m.group(2));
        }
      }
      default -> {
        // No known format: sys_descr is still there for selectors (MATCHES).
      }
    }
    return found;
  }

  private static boolean find(Pattern pattern, String text, int group, String name, Map<String, String> into) {
    Matcher m = pattern.matcher(text);
    if (m.find()) {
      into.put(name, m.group(group));
      return true;
    }
    return false;
  }
}
