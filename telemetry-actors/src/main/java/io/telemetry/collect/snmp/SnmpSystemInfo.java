package io.telemetry.collect.snmp;

import io.telemetry.collect.CollectException;
import io.telemetry.inventory.Target;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * The agent's SNMPv2-MIB system group as discovery uses it: {@code sysDescr.0} (free text naming
 * the OS and often the model and release), {@code sysObjectID.0} (the vendor's product OID under
 * {@code 1.3.6.1.4.1.<enterprise>}) and {@code sysName.0} (the configured host name). Objects the
 * agent does not have ({@code noSuchObject}) are empty.
 */
public record SnmpSystemInfo(Optional<String> sysDescr, Optional<String> sysObjectId, Optional<String> sysName) {

  static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
  static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");
  static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");
  public static final String REQUEST = "GET SNMPv2-MIB::sysDescr.0, sysObjectID.0, sysName.0";

  /**
   * Opens a session to the target's agent with these settings, reads the system group and closes
   * the session. Blocking: at most the target's timeout (shared among the settings' retries).
   *
   * @throws CollectException naming the device and {@link #REQUEST}
   */
  public static SnmpSystemInfo read(Target target, SnmpSettings settings) throws CollectException {
    try (AgentSession agent = AgentSession.open(target, settings)) {
      return read(agent);
    }
  }

  static SnmpSystemInfo read(SnmpRequester agent) throws CollectException {
    PDU request = agent.newPdu();
    request.setType(PDU.GET);
    request.add(new VariableBinding(SYS_DESCR));
    request.add(new VariableBinding(SYS_OBJECT_ID));
    request.add(new VariableBinding(SYS_NAME));
    PDU response = agent.send(request, REQUEST);
    if (response.size() != 3) {
      throw SnmpReplies.malformed(agent.device(), REQUEST, "expected 3 varbinds, got " + response.size());
    }
    Optional<String> descr = Optional.empty();
    Optional<String> objectId = Optional.empty();
    Optional<String> name = Optional.empty();
    for (VariableBinding binding : response.getVariableBindings()) {
      Variable value = binding.getVariable();
      if (value == null || value.isException()) {
        continue; // noSuchObject / noSuchInstance: the agent lacks it
      }
      if (SYS_DESCR.equals(binding.getOid())) {
        descr = text(agent, "sysDescr.0", value);
      } else if (SYS_NAME.equals(binding.getOid())) {
        name = text(agent, "sysName.0", value);
      } else if (SYS_OBJECT_ID.equals(binding.getOid())) {
        if (!(value instanceof OID oid)) {
          throw SnmpReplies.malformed(agent.device(), REQUEST, "sysObjectID.0 is " + SmiNames.describe(value)
              + ", expected an OBJECT IDENTIFIER");
        }
        objectId = Optional.of(oid.toDottedString());
      } else {
        throw SnmpReplies.malformed(agent.device(), REQUEST, "the agent answered " + binding.getOid()
            + ", which was not asked for");
      }
    }
    return new SnmpSystemInfo(descr, objectId, name);
  }

  /** DisplayString as text: UTF-8 (ASCII in practice), trimmed; blank is absent. */
  private static Optional<String> text(SnmpRequester agent, String object, Variable value) throws CollectException {
    if (!(value instanceof OctetString octets)) {
      throw SnmpReplies.malformed(agent.device(), REQUEST, object + " is " + SmiNames.describe(value)
          + ", expected an OCTET STRING");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(octets.getValue())).toString();
    } catch (CharacterCodingException e) {
      text = new String(octets.getValue(), StandardCharsets.ISO_8859_1);
    }
    text = text.replace('\u0000', ' ').strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
