package io.telemetry.host.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Renders a {@link ClusterStatus} as the table {@code telemetry cluster status} prints. */
public final class ClusterStatusTable {

  private static final String UNKNOWN = "-";
  private static final List<String> HEADER =
      List.of("NODE", "ADDRESS", "ROLES", "STATUS", "REACHABLE", "SHARDS", "DEVICES");

  private ClusterStatusTable() {}

  public static String render(ClusterStatus status) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    int shards = 0;
    int devices = 0;
    for (ClusterStatus.Member m : status.members()) {
      rows.add(List.of(
          Objects.requireNonNullElse(m.nodeId(), UNKNOWN),
          m.address(),
          m.roles().isEmpty() ? UNKNOWN : String.join(",", m.roles()),
          m.status(),
          m.reachable() ? "yes" : "NO",
          count(m.shards()),
          count(m.devices())));
      shards += m.shards() == null ? 0 : m.shards();
      devices += m.devices() == null ? 0 : m.devices();
    }
    boolean countsKnown = status.shardStatsError() == null;
    rows.add(List.of("TOTAL", status.members().size() + " members", "", "", "",
        countsKnown ? Integer.toString(shards) : UNKNOWN, countsKnown ? Integer.toString(devices) : UNKNOWN));

    StringBuilder out = new StringBuilder();
    out.append("cluster seen by ").append(status.self())
        .append(", leader ").append(Objects.requireNonNullElse(status.leader(), "none")).append('\n');
    out.append(table(rows));
    for (ClusterStatus.Member m : status.members()) {
      if (!m.failedShards().isEmpty()) {
        out.append("shards on ").append(label(m)).append(" that did not answer: ")
            .append(String.join(", ", m.failedShards())).append('\n');
      }
    }
    if (!countsKnown) {
      out.append(status.entityType()).append(" shards and devices unknown: ").append(status.shardStatsError()).append('\n');
    }
    return out.toString();
  }

  private static String count(Integer n) {
    return n == null ? UNKNOWN : n.toString();
  }

  private static String label(ClusterStatus.Member m) {
    return m.nodeId() == null ? m.address() : m.nodeId();
  }

  /** Left-aligned text columns, numbers (the last two) right-aligned, two spaces apart. */
  private static String table(List<List<String>> rows) {
    int columns = HEADER.size();
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row.get(c);
        boolean number = c >= columns - 2;
        String padded = number ? " ".repeat(width[c] - cell.length()) + cell : cell + " ".repeat(width[c] - cell.length());
        line.append(c == 0 ? "" : "  ").append(padded);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
