package io.telemetry.collect.snmp;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one {@code snmp} collector block (see README.md). Secrets (community,
 * passphrases) come from the environment through HOCON's {@code ${?ENV_VAR}}; {@link #toString()}
 * never prints them.
 *
 * @param version        {@code v2c} or {@code v3}
 * @param port           the agent's UDP port
 * @param community      v2c community; empty for v3
 * @param usm            v3 user and its protocols; empty for v2c
 * @param retries        resends of a request that got no answer (the target's timeout is shared
 *                       among the tries)
 * @param maxRepetitions GETBULK max-repetitions: rows asked per column per request
 */
public record SnmpSettings(Version version, int port, Optional<String> community, Optional<Usm> usm, int retries,
    int maxRepetitions) {

  public static final int DEFAULT_PORT = 161;
  public static final int DEFAULT_RETRIES = 2;
  public static final int DEFAULT_MAX_REPETITIONS = 25;
  /** RFC 3414 section 11.2: passphrases shorter than 8 characters are refused by agents. */
  static final int MIN_PASSPHRASE = 8;
  static final int MAX_RETRIES = 10;
  static final int MAX_MAX_REPETITIONS = 1000;

  private static final Set<String> KEYS = Set.of("version", "port", "community", "user", "auth-protocol",
      "auth-passphrase", "priv-protocol", "priv-passphrase", "retries", "max-repetitions");
  private static final Set<String> V3_KEYS = Set.of("user", "auth-protocol", "auth-passphrase", "priv-protocol",
      "priv-passphrase");

  public enum Version {
    V2C("v2c"),
    V3("v3");

    private final String label;

    Version(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The v3 (USM) part: no auth = noAuthNoPriv, auth only = authNoPriv, auth and priv = authPriv. */
  public record Usm(String user, Optional<UsmProtocols.Auth> auth, Optional<String> authPassphrase,
      Optional<UsmProtocols.Priv> priv, Optional<String> privPassphrase) {

    public Usm {
      Objects.requireNonNull(user, "user");
      if (auth.isPresent() != authPassphrase.isPresent() || priv.isPresent() != privPassphrase.isPresent()) {
        throw new IllegalArgumentException("a protocol needs its passphrase and a passphrase its protocol");
      }
      if (priv.isPresent() && auth.isEmpty()) {
        throw new IllegalArgumentException("privacy needs authentication");
      }
    }

    public String securityLevel() {
      return priv.isPresent() ? "authPriv" : auth.isPresent() ? "authNoPriv" : "noAuthNoPriv";
    }

    @Override
    public String toString() {
      return "Usm[" + user + " " + securityLevel() + auth.map(a -> " auth=" + a.label()).orElse("")
          + priv.map(p -> " priv=" + p.label()).orElse("") + "]";
    }
  }

  public SnmpSettings {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(community, "community");
    Objects.requireNonNull(usm, "usm");
  }

  /**
   * Reads and checks a collector block's settings.
   *
   * @param path   the block's place in the config, e.g. {@code telemetry.targets[2].collectors[1]}
   * @param device the target id, for messages
   * @throws ConfigException naming {@code path + "." + key} and the device
   */
  public static SnmpSettings parse(Config settings, String path, String device) {
    for (String key : settings.root().keySet()) {
      if (!KEYS.contains(key)) {
        throw new ConfigException.BadPath(settings.origin(), path + "." + key,
            "device " + device + ": unknown snmp setting; expected one of " + new TreeSet<>(KEYS));
      }
    }
    Version version = version(settings, path, device);
    int port = intIn(settings, "port", DEFAULT_PORT, 1, 65535, path, device);
    int retries = intIn(settings, "retries", DEFAULT_RETRIES, 0, MAX_RETRIES, path, device);
    int maxRepetitions = intIn(settings, "max-repetitions", DEFAULT_MAX_REPETITIONS, 1, MAX_MAX_REPETITIONS, path,
        device);
    if (version == Version.V2C) {
      for (String key : V3_KEYS) {
        if (settings.hasPath(key)) {
          throw bad(settings, path, key, device, "is a v3 setting; this block has version = \"v2c\"");
        }
      }
      Optional<String> community = string(settings, "community", path);
      if (community.isEmpty()) {
        throw bad(settings, path, "community", device,
            "v2c needs a community; keep it in the environment: community = ${?SNMP_COMMUNITY}");
      }
      return new SnmpSettings(version, port, community, Optional.empty(), retries, maxRepetitions);
    }
    if (settings.hasPath("community")) {
      throw bad(settings, path, "community", device, "is a v2c setting; this block has version = \"v3\"");
    }
    return new SnmpSettings(version, port, Optional.empty(), Optional.of(usm(settings, path, device)), retries,
        maxRepetitions);
  }

  private static Usm usm(Config settings, String path, String device) {
    String user = string(settings, "user", path)
        .orElseThrow(() -> bad(settings, path, "user", device, "v3 needs a user (USM security name)"));
    Optional<String> authName = string(settings, "auth-protocol", path);
    Optional<UsmProtocols.Auth> auth = authName.map(name -> UsmProtocols.Auth.named(name).orElseThrow(() ->
        bad(settings, path, "auth-protocol", device, "unknown \"" + name + "\"; expected one of "
            + UsmProtocols.authNames())));
    Optional<String> privName = string(settings, "priv-protocol", path);
    Optional<UsmProtocols.Priv> priv = privName.map(name -> UsmProtocols.Priv.named(name).orElseThrow(() ->
        bad(settings, path, "priv-protocol", device, "unknown \"" + name + "\"; expected one of "
            + UsmProtocols.privNames())));
    Optional<String> authPassphrase = passphrase(settings, "auth-passphrase", auth.isPresent(), path, device);
    Optional<String> privPassphrase = passphrase(settings, "priv-passphrase", priv.isPresent(), path, device);
    if (priv.isPresent() && auth.isEmpty()) {
      throw bad(settings, path, "auth-protocol", device, "priv-protocol is set, so authentication is needed too "
          + "(authPriv); expected one of " + UsmProtocols.authNames());
    }
    return new Usm(user, auth, authPassphrase, priv, privPassphrase);
  }

  /** Required when its protocol is set, refused when it is not; at least {@link #MIN_PASSPHRASE} characters. */
  private static Optional<String> passphrase(Config settings, String key, boolean needed, String path,
      String device) {
    Optional<String> value = string(settings, key, path);
    String protocolKey = key.replace("-passphrase", "-protocol");
    if (needed && value.isEmpty()) {
      throw bad(settings, path, key, device, protocolKey + " is set but its passphrase is missing; keep it in the "
          + "environment: " + key + " = ${?SNMP_" + key.replace('-', '_').toUpperCase(java.util.Locale.ROOT) + "}");
    }
    if (!needed && value.isPresent()) {
      throw bad(settings, path, key, device, "is set but " + protocolKey + " is not");
    }
    if (value.isPresent() && value.get().length() < MIN_PASSPHRASE) {
      throw bad(settings, path, key, device, "must have at least " + MIN_PASSPHRASE + " characters (RFC 3414)");
    }
    return value;
  }

  private static Version version(Config settings, String path, String device) {
    String text = string(settings, "version", path).orElse("v2c").trim().toLowerCase(java.util.Locale.ROOT);
    return switch (text) {
      case "v2c", "2c", "2" -> Version.V2C;
      case "v3", "3" -> Version.V3;
      default -> throw bad(settings, path, "version", device, "\"" + text + "\" is not supported; expected \"v2c\" "
          + "or \"v3\"");
    };
  }

  private static int intIn(Config settings, String key, int fallback, int min, int max, String path, String device) {
    if (!settings.hasPath(key)) {
      return fallback;
    }
    int value;
    try {
      value = settings.getInt(key);
    } catch (ConfigException.WrongType e) {
      throw bad(settings, path, key, device, "must be a whole number");
    }
    if (value < min || value > max) {
      throw bad(settings, path, key, device, value + " is outside " + min + ".." + max);
    }
    return value;
  }

  private static Optional<String> string(Config settings, String key, String path) {
    if (!settings.hasPath(key)) {
      return Optional.empty();
    }
    ConfigValueType type = settings.getValue(key).valueType();
    if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST) {
      throw new ConfigException.WrongType(settings.origin(), path + "." + key, "string",
          type.name().toLowerCase(java.util.Locale.ROOT));
    }
    String value = settings.getString(key);
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static ConfigException bad(Config settings, String path, String key, String device, String message) {
    return new ConfigException.BadValue(settings.origin(), path + "." + key, "device " + device + ": " + message);
  }

  @Override
  public String toString() {
    // Never print the community or passphrases.
    return "SnmpSettings[" + version.label() + " port=" + port + (community.isPresent() ? " community=***" : "")
        + usm.map(u -> " " + u).orElse("") + " retries=" + retries + " max-repetitions=" + maxRepetitions + "]";
  }
}
