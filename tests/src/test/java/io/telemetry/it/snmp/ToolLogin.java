package io.telemetry.it.snmp;

import java.util.List;

/** How net-snmp's tools log in to an agent: a v2c community or a v3 authPriv user (SHA / AES). */
public record ToolLogin(List<String> args) {

  public static ToolLogin v2c(String community) {
    return new ToolLogin(List.of("-v2c", "-c", community));
  }

  public static ToolLogin v3AuthPriv(String user, String authPassphrase, String privPassphrase) {
    return new ToolLogin(List.of("-v3", "-l", "authPriv", "-u", user, "-a", "SHA", "-A", authPassphrase,
        "-x", "AES", "-X", privPassphrase));
  }

  @Override
  public String toString() {
    return args.get(0); // never the secrets
  }
}
