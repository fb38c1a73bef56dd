package io.telemetry.collect.junos;

import static io.telemetry.collect.junos.JunosXml.childText;
import static io.telemetry.collect.junos.JunosXml.children;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Reads a {@code get-system-storage} reply ({@code show system storage}) into one {@code storage}
 * sample per file system, per routing engine or member in multi-RE replies.
 *
 * <p>The block counts are in 512-byte blocks (FreeBSD {@code df}); the {@code junos:format}
 * attribute beside them is the same size rounded for people ({@code 2796512} blocks is
 * {@code "1.3G"}), so the counts are used, not the attribute.
 */
public final class SystemStorageParser {

  public static final String FAMILY = "storage";
  public static final String RPC = "get-system-storage";
  static final double BLOCK_BYTES = 512;

  private SystemStorageParser() {}

  public static List<Sample> parse(String device, Instant time, String xml) throws JunosParseException {
    List<Sample> samples = new ArrayList<>();
    for (JunosXml.Body body : JunosXml.bodies(JunosXml.parse(xml), "system-storage-information")) {
      for (Element fs : children(body.element(), "filesystem")) {
        Optional<String> name = childText(fs, "filesystem-name");
        if (name.isEmpty()) {
          throw new JunosParseException("a <filesystem> has no <filesystem-name>");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("filesystem", name.get());
        childText(fs, "mounted-on").ifPresent(m -> tags.put("mount", m));
        body.reName().ifPresent(r -> tags.put("re", r));

        Map<String, Double> gauges = new LinkedHashMap<>();
        bytes(fs, "total-blocks", "total_bytes", gauges);
        bytes(fs, "used-blocks", "used_bytes", gauges);
        bytes(fs, "available-blocks", "available_bytes", gauges);
        childText(fs, "used-percent").flatMap(t -> JunosValues.boxed(JunosValues.percent(t)))
            .ifPresent(v -> gauges.put("used_percent", v));
        samples.add(new Sample(device, FAMILY, time, tags, Map.of(), gauges, Map.of(), 64, ""));
      }
    }
    return samples;
  }

  private static void bytes(Element fs, String element, String field, Map<String, Double> gauges) {
    childText(fs, element).ifPresent(text -> JunosValues.unsigned64(text)
        .ifPresent(blocks -> gauges.put(field, blocks * BLOCK_BYTES)));
  }
}
