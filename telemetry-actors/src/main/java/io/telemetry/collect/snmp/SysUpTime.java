package io.telemetry.collect.snmp;

import io.telemetry.collect.CollectException;
import org.snmp4j.PDU;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.VariableBinding;

/** Reads SNMPv2-MIB::sysUpTime.0, the agent's uptime, which tells the device actor about restarts. */
final class SysUpTime {

  static final String REQUEST = "GET SNMPv2-MIB::sysUpTime.0";

  private SysUpTime() {}

  /** The uptime in hundredths of a second (TimeTicks). */
  static long read(SnmpRequester agent) throws CollectException {
    PDU request = agent.newPdu();
    request.setType(PDU.GET);
    request.add(new VariableBinding(IfMib.SYS_UP_TIME));
    PDU response = agent.send(request, REQUEST);
    if (response.size() != 1) {
      throw SnmpReplies.malformed(agent.device(), REQUEST, "expected 1 varbind, got " + response.size());
    }
    VariableBinding binding = response.get(0);
    if (!IfMib.SYS_UP_TIME.equals(binding.getOid())) {
      throw SnmpReplies.malformed(agent.device(), REQUEST, "the agent answered " + binding.getOid()
          + " instead of " + IfMib.SYS_UP_TIME);
    }
    if (binding.getSyntax() != SMIConstants.SYNTAX_TIMETICKS) {
      throw SnmpReplies.malformed(agent.device(), REQUEST, "sysUpTime.0 is "
          + SmiNames.describe(binding.getVariable()) + ", expected TimeTicks");
    }
    return binding.getVariable().toLong();
  }
}
