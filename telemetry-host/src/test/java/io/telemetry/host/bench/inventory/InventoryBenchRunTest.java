package io.telemetry.host.bench.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmark's behaviour on a tiny inventory: figures for every stage, and the counts it reports are right. */
class InventoryBenchRunTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(InventoryBenchRun.Format.class)
  void aTinyRunMeasuresEveryStageAndSelectsEveryResource(InventoryBenchRun.Format format) throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    InventoryBenchRun.Settings settings = new InventoryBenchRun.Settings(100, 20, 1, 1, format, dir, 7,
        Duration.ofMinutes(1));

    InventoryBenchRun.Figures figures = new InventoryBenchRun(settings, "telemetry bench inventory",
        new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

    assertEquals(1, figures.rounds().size(), "only the measured round is kept");
    InventoryBenchRun.Round round = figures.rounds().get(0);
    // 100 resources: 5 churned per round (3 changed, 1 removed, 1 added), so still 100.
    assertEquals(new SyntheticInventory.Churn(3, 1, 1), round.churn());
    assertEquals(100, round.resources());
    // The last policy is a catch-all and every generated resource fits its policy: all selected.
    assertEquals(100, round.targets());
    assertEquals(0, round.rejected());
    assertEquals(0, round.unmatched());
    // The diff (and the refresher's own, which the run compares) is exactly the churn.
    assertEquals(List.of(1, 1, 3), List.of(round.added(), round.removed(), round.changed()));
    assertTrue(round.tableBytes() > 100 * 20, "an encoded table of 100 entries: " + round.tableBytes() + " bytes");
    assertTrue(round.tableGzipBytes() > 0);

    assertEquals(List.of("1 load (file source)", "2 select (policies)", "3 diff", "4 table build (placement)",
        "5 table encode (CBOR)", "6 refresher end to end"), figures.stages().stream().map(InventoryBenchRun.Stage::name).toList());
    for (InventoryBenchRun.Stage stage : figures.stages()) {
      assertTrue(stage.minMs() > 0 && stage.minMs() <= stage.medianMs() && stage.medianMs() <= stage.maxMs(), stage.toString());
      assertEquals(stage.medianMs() / 60_000, stage.medianShareOfInterval(), 1e-12, "share of the default 60 s interval");
    }
    assertEquals(60_000, figures.refreshIntervalMs());
    assertEquals(4 * 1024 * 1024, figures.largeFrameBytes(), "the replicator lane's frame, as telemetry-node.conf sets it");

    String printed = progress.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("round 1/2 (warm-up): load") && printed.contains("round 2/2: load"), printed);
    Path file = dir.resolve("inventory." + format.name().toLowerCase());
    assertTrue(Files.size(file) > 100 * 50, "the generated inventory " + file);
    String report = String.join("\n", InventoryBenchRun.text(figures));
    assertTrue(report.contains("100 targets, 0 rejected, 0 unmatched"), report);

    Path json = dir.resolve("out/figures.json");
    InventoryBenchRun.writeJson(figures, json);
    JsonNode written = new ObjectMapper().readTree(json.toFile());
    assertEquals(1, written.get("schema").asInt());
    assertEquals(6, written.get("stages").size());
    assertEquals(100, written.get("rounds").get(0).get("targets").asInt());
  }
}
