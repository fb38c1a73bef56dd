package io.telemetry.collect.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.collect.CollectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snmp4j.PDU;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

class BulkWalkerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:00:00Z"), ZoneOffset.UTC);
  private static final IfMib.Column DESCR = new IfMib.Column("colDescr", "1.3.6.1.4.1.99999.1.1.2");
  private static final IfMib.Column COUNT = new IfMib.Column("colCount", "1.3.6.1.4.1.99999.1.1.3");
  private static final IfMib.Table TABLE = new IfMib.Table("TEST-MIB::testTable", List.of(DESCR, COUNT));
  private static final int ROWS = 7;

  /** A table of ROWS rows with sparse indexes, plus objects before and after it in the MIB. */
  private static MibView agent() {
    MibView agent = new MibView()
        .put("1.3.6.1.4.1.99999.1.1.1.1", new Integer32(1)) // a column before the walked ones
        .put("1.3.6.1.4.1.99999.2.0", new Integer32(42)); // the next object after the table
    for (int i = 0; i < ROWS; i++) {
      int ifIndex = 10 + i * 3;
      agent.put(DESCR.oid() + "." + ifIndex, new OctetString("if" + ifIndex));
      agent.put(COUNT.oid() + "." + ifIndex, new Counter32(1000L * ifIndex));
    }
    return agent;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 8, 100})
  void everyMaxRepetitionsReadsTheSameRows(int maxRepetitions) throws CollectException {
    MibView agent = agent();
    WalkedTable table = new BulkWalker(maxRepetitions, CLOCK).walk(agent, TABLE);

    assertEquals(ROWS, table.rows().size());
    for (int i = 0; i < ROWS; i++) {
      int ifIndex = 10 + i * 3;
      var row = table.rows().get(new OID(new int[] {ifIndex}));
      assertEquals(new OctetString("if" + ifIndex), row.get(DESCR).value());
      assertEquals(new Counter32(1000L * ifIndex), row.get(COUNT).value());
      assertEquals(CLOCK.instant(), row.get(COUNT).received());
    }
    // Each request asks for the columns still open, maxRepetitions rows at a time; the walk
    // ends with the request whose answer leaves the table.
    assertEquals(ROWS / maxRepetitions + 1, agent.requests().size());
    for (PDU request : agent.requests()) {
      assertEquals(PDU.GETBULK, request.getType());
      assertEquals(maxRepetitions, request.getMaxRepetitions());
      assertEquals(0, request.getNonRepeaters());
    }
  }

  @Test
  void truncatedResponsesContinueFromWhatArrived() throws CollectException {
    WalkedTable full = new BulkWalker(10, CLOCK).walk(agent(), TABLE);
    for (int limit : new int[] {1, 3}) {
      MibView agent = agent().truncateTo(limit);
      WalkedTable walked = new BulkWalker(10, CLOCK).walk(agent, TABLE);
      assertEquals(full.rows().keySet(), walked.rows().keySet(), "truncated to " + limit);
      full.rows().forEach((index, row) -> row.forEach((column, cell) ->
          assertEquals(cell.value(), walked.rows().get(index).get(column).value(), column + "." + index)));
    }
  }

  @Test
  void aTableAtTheEndOfTheMibEndsWithEndOfMibView() throws CollectException {
    MibView agent = new MibView()
        .put(DESCR.oid() + ".1", new OctetString("a"))
        .put(COUNT.oid() + ".1", new Counter32(5));
    WalkedTable table = new BulkWalker(5, CLOCK).walk(agent, TABLE);
    assertEquals(1, table.rows().size());
    assertEquals(new Counter32(5), table.rows().get(new OID(new int[] {1})).get(COUNT).value());
  }

  @Test
  void aMissingTableHasNoRows() throws CollectException {
    MibView agent = new MibView().put("1.3.6.1.4.1.99999.2.0", new Integer32(42));
    assertTrue(new BulkWalker(5, CLOCK).walk(agent, TABLE).rows().isEmpty());
    assertEquals(1, agent.requests().size());
  }

  @Test
  void anEmptyResponseNamesTheDeviceAndTheTable() {
    MibView agent = agent().tamper(response -> {
      response.clear();
      return response;
    });
    CollectException e = assertThrows(CollectException.class, () -> new BulkWalker(5, CLOCK).walk(agent, TABLE));
    assertEquals(CollectException.Kind.MALFORMED_REPLY, e.kind());
    assertTrue(e.getMessage().startsWith("device dev1: "), e.getMessage());
    assertTrue(e.getMessage().contains("GETBULK TEST-MIB::testTable"), e.getMessage());
    assertTrue(e.getMessage().contains("no varbind"), e.getMessage());
  }

  @Test
  void anAgentThatRepeatsItselfIsRefusedInsteadOfLoopingForever() {
    // Always answers the first row again: the walk would never end.
    MibView agent = agent().tamper(response -> {
      PDU stuck = new PDU();
      stuck.setType(PDU.RESPONSE);
      stuck.add(new VariableBinding(new OID(DESCR.oid() + ".10"), new OctetString("if10")));
      stuck.add(new VariableBinding(new OID(COUNT.oid() + ".10"), new Counter32(10000)));
      return stuck;
    });
    CollectException e = assertThrows(CollectException.class, () -> new BulkWalker(5, CLOCK).walk(agent, TABLE));
    assertEquals(CollectException.Kind.MALFORMED_REPLY, e.kind());
    assertTrue(e.getMessage().contains("TEST-MIB::testTable"), e.getMessage());
    assertTrue(e.getMessage().contains("must increase"), e.getMessage());
    assertTrue(agent.requests().size() <= 2, agent.requests().size() + " requests");
  }

  @Test
  void moreVarbindsThanAskedAreRefused() {
    MibView agent = agent().tamper(response -> {
      PDU padded = new PDU(response);
      for (int i = 0; i < 20; i++) {
        padded.add(new VariableBinding(new OID("1.3.6.1.4.1.99999.9." + i), new Integer32(i)));
      }
      return padded;
    });
    CollectException e = assertThrows(CollectException.class, () -> new BulkWalker(2, CLOCK).walk(agent, TABLE));
    assertEquals(CollectException.Kind.MALFORMED_REPLY, e.kind());
    assertTrue(e.getMessage().contains("more than the 2 x 2 asked"), e.getMessage());
  }

  @Test
  void exceptionsOtherThanEndOfMibViewAreRefused() {
    MibView agent = agent().tamper(response -> {
      PDU broken = new PDU(response);
      broken.set(0, new VariableBinding(new OID(DESCR.oid() + ".10"), org.snmp4j.smi.Null.noSuchInstance));
      return broken;
    });
    CollectException e = assertThrows(CollectException.class, () -> new BulkWalker(2, CLOCK).walk(agent, TABLE));
    assertTrue(e.getMessage().contains("colDescr: noSuchInstance"), e.getMessage());
  }

  @Test
  void requestsStartAfterTheLastInstanceReceivedPerColumn() throws CollectException {
    MibView agent = agent();
    new BulkWalker(3, CLOCK).walk(agent, TABLE);
    Map<Integer, List<OID>> asked = new TreeMap<>();
    for (int i = 0; i < agent.requests().size(); i++) {
      asked.put(i, agent.requests().get(i).getVariableBindings().stream().map(VariableBinding::getOid).toList());
    }
    assertEquals(List.of(DESCR.oid(), COUNT.oid()), asked.get(0));
    assertEquals(List.of(new OID(DESCR.oid() + ".16"), new OID(COUNT.oid() + ".16")), asked.get(1));
  }
}
