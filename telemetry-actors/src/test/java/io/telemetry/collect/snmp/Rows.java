package io.telemetry.collect.snmp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/** Builds walked tables for parser tests: rows of column values, all received at one instant. */
final class Rows {

  private final IfMib.Table table;
  private final Instant received;
  private final TreeMap<OID, Map<IfMib.Column, WalkedTable.Cell>> rows = new TreeMap<>();

  private Rows(IfMib.Table table, Instant received) {
    this.table = table;
    this.received = received;
  }

  static Rows of(IfMib.Table table, Instant received) {
    return new Rows(table, received);
  }

  Rows set(int ifIndex, IfMib.Column column, Variable value) {
    return set(new OID(new int[] {ifIndex}), column, value);
  }

  Rows set(OID index, IfMib.Column column, Variable value) {
    rows.computeIfAbsent(index, k -> new HashMap<>()).put(column, new WalkedTable.Cell(value, received));
    return this;
  }

  WalkedTable table() {
    return new WalkedTable(table, rows);
  }
}
