package io.telemetry.collect.snmp;

import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/** Describes a value the way the MIB modules name its type (RFC 2578), for error messages. */
final class SmiNames {

  private SmiNames() {}

  /** {@code Counter32 (5)}, {@code OCTET STRING (eth0)}, or a bare {@code noSuchObject}. */
  static String describe(Variable value) {
    return switch (value.getSyntax()) {
      case SMIConstants.EXCEPTION_NO_SUCH_OBJECT -> "noSuchObject";
      case SMIConstants.EXCEPTION_NO_SUCH_INSTANCE -> "noSuchInstance";
      case SMIConstants.EXCEPTION_END_OF_MIB_VIEW -> "endOfMibView";
      default -> name(value.getSyntax()) + " (" + value + ")";
    };
  }

  static String name(int syntax) {
    return switch (syntax) {
      case SMIConstants.SYNTAX_INTEGER -> "INTEGER";
      case SMIConstants.SYNTAX_OCTET_STRING -> "OCTET STRING";
      case SMIConstants.SYNTAX_NULL -> "NULL";
      case SMIConstants.SYNTAX_OBJECT_IDENTIFIER -> "OBJECT IDENTIFIER";
      case SMIConstants.SYNTAX_IPADDRESS -> "IpAddress";
      case SMIConstants.SYNTAX_COUNTER32 -> "Counter32";
      case SMIConstants.SYNTAX_GAUGE32 -> "Gauge32";
      case SMIConstants.SYNTAX_TIMETICKS -> "TimeTicks";
      case SMIConstants.SYNTAX_OPAQUE -> "Opaque";
      case SMIConstants.SYNTAX_COUNTER64 -> "Counter64";
      default -> "syntax " + syntax;
    };
  }
}
