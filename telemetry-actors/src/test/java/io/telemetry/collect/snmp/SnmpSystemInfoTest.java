package io.telemetry.collect.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

class SnmpSystemInfoTest {

  @Test
  void readsTheSystemGroupInOneGet() throws CollectException {
    MibView agent = new MibView()
        .put("1.3.6.1.2.1.1.1.0", new OctetString("Juniper Networks, Inc. mx480 internet router\n"))
        .put("1.3.6.1.2.1.1.2.0", new OID("1.3.6.1.4.1.2636.1.1.1.2.25"))
        .put("1.3.6.1.2.1.1.5.0", new OctetString("mx1.ams1"));
    SnmpSystemInfo info = SnmpSystemInfo.read(agent);
    assertEquals(Optional.of("Juniper Networks, Inc. mx480 internet router"), info.sysDescr());
    assertEquals(Optional.of("1.3.6.1.4.1.2636.1.1.1.2.25"), info.sysObjectId());
    assertEquals(Optional.of("mx1.ams1"), info.sysName());
    assertEquals(1, agent.requests().size());
    assertEquals(PDU.GET, agent.requests().get(0).getType());
  }

  @Test
  void missingObjectsAreEmpty() throws CollectException {
    MibView agent = new MibView().put("1.3.6.1.2.1.1.2.0", new OID("1.3.6.1.4.1.8072.3.2.10"))
        .put("1.3.6.1.2.1.1.5.0", new OctetString("  "));
    SnmpSystemInfo info = SnmpSystemInfo.read(agent);
    assertEquals(Optional.empty(), info.sysDescr());
    assertEquals(Optional.empty(), info.sysName(), "blank is absent");
    assertEquals(Optional.of("1.3.6.1.4.1.8072.3.2.10"), info.sysObjectId());
  }

  @Test
  void aWrongTypeIsAMalformedReplyNamingTheDeviceAndTheRequest() {
    MibView agent = new MibView().put("1.3.6.1.2.1.1.2.0", new Integer32(5));
    CollectException e = assertThrows(CollectException.class, () -> SnmpSystemInfo.read(agent));
    assertEquals(CollectException.Kind.MALFORMED_REPLY, e.kind());
    assertTrue(e.getMessage().startsWith("device dev1: "), e.getMessage());
    assertTrue(e.getMessage().contains(SnmpSystemInfo.REQUEST) && e.getMessage().contains("sysObjectID.0"),
        e.getMessage());
  }
}
