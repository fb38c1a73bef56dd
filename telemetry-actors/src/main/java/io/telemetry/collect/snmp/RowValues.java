package io.telemetry.collect.snmp;

import io.telemetry.collect.CollectException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * Typed access to one walked row of one table. A column the agent did not return is absent; a
 * column with the wrong SMI type fails the poll naming the device, table, column and ifIndex,
 * since reading e.g. a Gauge32 as a counter would give wrong rates silently.
 */
final class RowValues {

  private final String device;
  private final IfMib.Table table;
  private final int ifIndex;
  private final Map<IfMib.Column, WalkedTable.Cell> cells;

  RowValues(String device, IfMib.Table table, int ifIndex, Map<IfMib.Column, WalkedTable.Cell> cells) {
    this.device = device;
    this.table = table;
    this.ifIndex = ifIndex;
    this.cells = cells;
  }

  OptionalLong counter32(IfMib.Column column) throws CollectException {
    return unsigned(column, SMIConstants.SYNTAX_COUNTER32);
  }

  OptionalLong counter64(IfMib.Column column) throws CollectException {
    return unsigned(column, SMIConstants.SYNTAX_COUNTER64);
  }

  OptionalLong gauge32(IfMib.Column column) throws CollectException {
    return unsigned(column, SMIConstants.SYNTAX_GAUGE32);
  }

  OptionalLong timeTicks(IfMib.Column column) throws CollectException {
    return unsigned(column, SMIConstants.SYNTAX_TIMETICKS);
  }

  OptionalInt integer(IfMib.Column column) throws CollectException {
    Optional<Variable> value = value(column, SMIConstants.SYNTAX_INTEGER);
    return value.isPresent() ? OptionalInt.of(((Integer32) value.get()).getValue()) : OptionalInt.empty();
  }

  /** A DisplayString as text (UTF-8, a superset of its ASCII), without trailing NULs; blank is absent. */
  Optional<String> text(IfMib.Column column) throws CollectException {
    Optional<Variable> value = value(column, SMIConstants.SYNTAX_OCTET_STRING);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = new String(((OctetString) value.get()).getValue(), StandardCharsets.UTF_8);
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\0') {
      end--;
    }
    text = text.substring(0, end);
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  Optional<Instant> received(IfMib.Column column) {
    return Optional.ofNullable(cells.get(column)).map(WalkedTable.Cell::received);
  }

  /** When the latest reply that carried a value of this row arrived. */
  Optional<Instant> lastReceived() {
    return cells.values().stream().map(WalkedTable.Cell::received).max(Instant::compareTo);
  }

  private OptionalLong unsigned(IfMib.Column column, int syntax) throws CollectException {
    Optional<Variable> value = value(column, syntax);
    return value.isPresent() ? OptionalLong.of(value.get().toLong()) : OptionalLong.empty();
  }

  private Optional<Variable> value(IfMib.Column column, int syntax) throws CollectException {
    WalkedTable.Cell cell = cells.get(column);
    if (cell == null) {
      return Optional.empty();
    }
    Variable value = cell.value();
    if (value.getSyntax() != syntax) {
      throw SnmpReplies.malformed(device, "GETBULK " + table.name(), column.name() + "." + ifIndex + " is "
          + SmiNames.describe(value) + ", expected " + SmiNames.name(syntax));
    }
    return Optional.of(value);
  }
}
