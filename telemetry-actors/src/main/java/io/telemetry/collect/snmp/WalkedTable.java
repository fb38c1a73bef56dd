package io.telemetry.collect.snmp;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * The rows of one table as walked: per row index (the OID part after the column), the value of
 * each column the agent returned and when the reply carrying it arrived.
 */
record WalkedTable(IfMib.Table table, SortedMap<OID, Map<IfMib.Column, Cell>> rows) {

  /** One value and the time its reply arrived. */
  record Cell(Variable value, Instant received) {
    Cell {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(received, "received");
    }
  }

  WalkedTable {
    Objects.requireNonNull(table, "table");
    rows = Collections.unmodifiableSortedMap(rows);
  }
}
