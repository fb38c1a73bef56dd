package io.telemetry.inventory.discover;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The vendor behind a {@code sysObjectID}: the IANA private enterprise number that follows
 * {@code 1.3.6.1.4.1} (https://www.iana.org/assignments/enterprise-numbers). Unknown numbers are
 * the vendor as the number itself, so that selectors can still tell them apart.
 */
final class SnmpVendors {

  static final String ENTERPRISES = "1.3.6.1.4.1.";

  private static final Map<Long, String> NAMES = Map.ofEntries(
      Map.entry(9L, "cisco"),
      Map.entry(11L, "hp"),
      Map.entry(674L, "dell"),
      Map.entry(1991L, "brocade"),
      Map.entry(2011L, "huawei"),
      Map.entry(2636L, "juniper"),
      Map.entry(6027L, "force10"),
      Map.entry(6527L, "nokia"),
      Map.entry(8072L, "net-snmp"),
      Map.entry(12356L, "fortinet"),
      Map.entry(14988L, "mikrotik"),
      Map.entry(25461L, "paloalto"),
      Map.entry(25506L, "h3c"),
      Map.entry(29671L, "meraki"),
      Map.entry(30065L, "arista"),
      Map.entry(47196L, "aruba"));

  private SnmpVendors() {}

  /** The enterprise number of a product OID ({@code 1.3.6.1.4.1.2636.1.1.1.2.25} is 2636). */
  static OptionalLong enterprise(String sysObjectId) {
    if (!sysObjectId.startsWith(ENTERPRISES)) {
      return OptionalLong.empty();
    }
    String rest = sysObjectId.substring(ENTERPRISES.length());
    int dot = rest.indexOf('.');
    try {
      return OptionalLong.of(Long.parseLong(dot < 0 ? rest : rest.substring(0, dot)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** {@code juniper}, {@code cisco}, ... or the number itself ({@code 99999}) when not in the table. */
  static String vendor(long enterprise) {
    return NAMES.getOrDefault(enterprise, Long.toString(enterprise));
  }
}
