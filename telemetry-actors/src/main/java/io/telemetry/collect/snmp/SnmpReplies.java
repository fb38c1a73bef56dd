package io.telemetry.collect.snmp;

import io.telemetry.collect.CollectException;

/** Errors for replies the agent sent but that cannot be used; the UDP session itself is fine. */
final class SnmpReplies {

  private SnmpReplies() {}

  static CollectException malformed(String device, String what, String message) {
    return new CollectException(device, CollectException.Kind.MALFORMED_REPLY,
        "malformed reply to " + what + ": " + message, false);
  }
}
