package io.telemetry.collect.snmp;

import io.telemetry.collect.CollectException;
import io.telemetry.inventory.Target;

/** Opens a device's SNMP session; tests pass agents that answer with crafted replies. */
@FunctionalInterface
interface SnmpSessionOpener {

  SnmpSessionOpener UDP = AgentSession::open;

  SnmpRequester open(Target target, SnmpSettings settings) throws CollectException;
}
