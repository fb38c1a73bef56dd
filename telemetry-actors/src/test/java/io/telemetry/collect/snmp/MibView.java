package io.telemetry.collect.snmp;

import io.telemetry.collect.CollectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.snmp4j.PDU;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * An in-memory agent for walker and collector tests: answers GET and GETBULK from a sorted map of
 * OIDs as RFC 3416 says (lexicographic successors, endOfMibView past the end), optionally
 * truncating responses like an agent with a small message size, and records every request. A
 * {@code tamper} function can damage responses to play a broken agent.
 */
final class MibView implements SnmpRequester {

  private final NavigableMap<OID, Variable> objects = new TreeMap<>();
  private final List<PDU> requests = new ArrayList<>();
  private int maxVarbinds = Integer.MAX_VALUE;
  private UnaryOperator<PDU> tamper = UnaryOperator.identity();
  private boolean closed;

  MibView put(String oid, Variable value) {
    objects.put(new OID(oid), value);
    return this;
  }

  MibView putAll(Map<String, Variable> values) {
    values.forEach(this::put);
    return this;
  }

  /** Answers with at most this many varbinds per response (a legal GETBULK truncation). */
  MibView truncateTo(int varbinds) {
    this.maxVarbinds = varbinds;
    return this;
  }

  MibView tamper(UnaryOperator<PDU> tamper) {
    this.tamper = tamper;
    return this;
  }

  List<PDU> requests() {
    return requests;
  }

  boolean closed() {
    return closed;
  }

  @Override
  public String device() {
    return "dev1";
  }

  @Override
  public PDU newPdu() {
    return new PDU();
  }

  @Override
  public PDU send(PDU request, String what) throws CollectException {
    requests.add(new PDU(request));
    PDU response = new PDU();
    response.setType(PDU.RESPONSE);
    if (request.getType() == PDU.GET) {
      for (VariableBinding asked : request.getVariableBindings()) {
        Variable value = objects.get(asked.getOid());
        response.add(new VariableBinding(asked.getOid(), value == null ? Null.noSuchObject : value));
      }
    } else if (request.getType() == PDU.GETBULK) {
      List<OID> cursors = new ArrayList<>();
      request.getVariableBindings().forEach(vb -> cursors.add(vb.getOid()));
      outer:
      for (int r = 0; r < request.getMaxRepetitions(); r++) {
        for (int c = 0; c < cursors.size(); c++) {
          if (response.size() >= maxVarbinds) {
            break outer;
          }
          Map.Entry<OID, Variable> next = objects.higherEntry(cursors.get(c));
          if (next == null) {
            response.add(new VariableBinding(cursors.get(c), Null.endOfMibView));
          } else {
            response.add(new VariableBinding(next.getKey(), next.getValue()));
            cursors.set(c, next.getKey());
          }
        }
      }
    } else {
      throw new IllegalArgumentException("unexpected request type " + PDU.getTypeString(request.getType()));
    }
    return tamper.apply(response);
  }

  @Override
  public void close() {
    closed = true;
  }
}
