package io.telemetry.collect.snmp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.AuthenticationProtocol;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.PrivacyProtocol;

/**
 * The SNMPv3 USM authentication and privacy protocols a target may name, with the SNMP4J class
 * behind each. Names are matched ignoring case and hyphens ({@code SHA-256} = {@code sha256}).
 */
public final class UsmProtocols {

  private UsmProtocols() {}

  /** Authentication (RFC 3414 HMAC-MD5/SHA-96, RFC 7860 HMAC-SHA-2). */
  public enum Auth {
    MD5("MD5", AuthMD5::new),
    SHA("SHA", AuthSHA::new),
    SHA224("SHA-224", AuthHMAC128SHA224::new),
    SHA256("SHA-256", AuthHMAC192SHA256::new),
    SHA384("SHA-384", AuthHMAC256SHA384::new),
    SHA512("SHA-512", AuthHMAC384SHA512::new);

    private final String label;
    private final Supplier<AuthenticationProtocol> protocol;

    Auth(String label, Supplier<AuthenticationProtocol> protocol) {
      this.label = label;
      this.protocol = protocol;
    }

    AuthenticationProtocol protocol() {
      return protocol.get();
    }

    public String label() {
      return label;
    }

    static Optional<Auth> named(String name) {
      String key = normalized(name);
      if (key.equals("SHA1")) {
        return Optional.of(SHA);
      }
      return Arrays.stream(values()).filter(a -> a.name().equals(key)).findFirst();
    }
  }

  /** Privacy (RFC 3414 CBC-DES, RFC 3826 CFB-AES-128; AES-192/256 with the Blumenthal key extension). */
  public enum Priv {
    DES("DES", PrivDES::new),
    AES128("AES", PrivAES128::new),
    AES192("AES-192", PrivAES192::new),
    AES256("AES-256", PrivAES256::new);

    private final String label;
    private final Supplier<PrivacyProtocol> protocol;

    Priv(String label, Supplier<PrivacyProtocol> protocol) {
      this.label = label;
      this.protocol = protocol;
    }

    PrivacyProtocol protocol() {
      return protocol.get();
    }

    public String label() {
      return label;
    }

    static Optional<Priv> named(String name) {
      String key = normalized(name);
      if (key.equals("AES")) {
        return Optional.of(AES128);
      }
      return Arrays.stream(values()).filter(p -> p.name().equals(key)).findFirst();
    }
  }

  static String authNames() {
    return Arrays.stream(Auth.values()).map(Auth::label).toList().toString();
  }

  static String privNames() {
    return Arrays.stream(Priv.values()).map(Priv::label).toList().toString();
  }

  private static String normalized(String name) {
    return name.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
  }
}
