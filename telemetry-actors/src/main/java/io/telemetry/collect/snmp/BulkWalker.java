package io.telemetry.collect.snmp;

import io.telemetry.collect.CollectException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.VariableBinding;

/**
 * Walks the columns of one table with GETBULK (RFC 3416 section 4.2.3): each request asks for the
 * next {@code maxRepetitions} instances of every column not yet finished, starting after the last
 * instance received. A column is finished when the agent answers with an OID outside it or with
 * endOfMibView. Agents may truncate a response (fewer varbinds than asked); the walk then simply
 * continues from what arrived.
 *
 * <p>Written here rather than with SNMP4J's {@code TableUtils} so that a reply that cannot be walked
 * (an empty response, OIDs that do not increase, more varbinds than asked) fails the poll with a
 * message naming the device and the table, instead of ending the walk early with partial rows.
 */
final class BulkWalker {

  private final int maxRepetitions;
  private final Clock clock;

  BulkWalker(int maxRepetitions, Clock clock) {
    if (maxRepetitions < 1) {
      throw new IllegalArgumentException("maxRepetitions must be positive, was " + maxRepetitions);
    }
    this.maxRepetitions = maxRepetitions;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  WalkedTable walk(SnmpRequester agent, IfMib.Table table) throws CollectException {
    String what = "GETBULK " + table.name();
    Map<IfMib.Column, OID> last = new HashMap<>();
    List<IfMib.Column> pending = new ArrayList<>(table.columns());
    pending.forEach(column -> last.put(column, column.oid()));
    SortedMap<OID, Map<IfMib.Column, WalkedTable.Cell>> rows = new TreeMap<>();

    while (!pending.isEmpty()) {
      PDU request = agent.newPdu();
      request.setType(PDU.GETBULK);
      request.setNonRepeaters(0);
      request.setMaxRepetitions(maxRepetitions);
      pending.forEach(column -> request.add(new VariableBinding(last.get(column))));
      PDU response = agent.send(request, what);
      Instant received = clock.instant();

      List<? extends VariableBinding> bindings = response.getVariableBindings();
      int columns = pending.size();
      if (bindings.isEmpty()) {
        throw SnmpReplies.malformed(agent.device(), what, "the response holds no varbind for the " + columns
            + " column(s) asked after " + last.get(pending.get(0)));
      }
      if (bindings.size() > columns * maxRepetitions) {
        throw SnmpReplies.malformed(agent.device(), what, "the response holds " + bindings.size()
            + " varbinds, more than the " + columns + " x " + maxRepetitions + " asked");
      }
      List<IfMib.Column> finished = new ArrayList<>();
      for (int i = 0; i < bindings.size(); i++) {
        IfMib.Column column = pending.get(i % columns);
        if (finished.contains(column)) {
          continue; // repetitions past the end of a column are the next objects in the MIB
        }
        VariableBinding binding = bindings.get(i);
        OID oid = binding.getOid();
        if (binding.getSyntax() == SMIConstants.EXCEPTION_END_OF_MIB_VIEW || oid == null
            || !oid.startsWith(column.oid()) || oid.size() == column.oid().size()) {
          finished.add(column);
          continue;
        }
        if (binding.isException()) {
          throw SnmpReplies.malformed(agent.device(), what, column.name() + ": " + SmiNames.describe(binding.getVariable())
              + " at " + oid + " (only endOfMibView may end a GETBULK column)");
        }
        if (oid.compareTo(last.get(column)) <= 0) {
          throw SnmpReplies.malformed(agent.device(), what, column.name() + ": the agent answered " + oid
              + " after " + last.get(column) + "; OIDs must increase (the walk would never end)");
        }
        OID index = new OID(oid.getValue(), column.oid().size(), oid.size() - column.oid().size());
        rows.computeIfAbsent(index, k -> new HashMap<>())
            .put(column, new WalkedTable.Cell(binding.getVariable(), received));
        last.put(column, oid);
      }
      pending.removeAll(finished);
    }
    return new WalkedTable(table, rows);
  }
}
