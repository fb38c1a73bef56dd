package io.telemetry.it.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.host.demo.LocalStack;
import io.telemetry.inventory.Target;
import io.telemetry.it.support.DecodedRecords;
import io.telemetry.it.support.DecodedRecords.Decoded;
import io.telemetry.it.support.TopicReader;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cli collector through the real node into the real Kafka broker, against simulated devices
 * answering on SSH exec channels. {@code sim-0001} runs junos-netconf and cli side by side: both
 * deliver, over the device's one SSH connection. {@code sim-0002} is a box polled by CLI only
 * (Junos XML and JSON), whose records look like NETCONF's.
 */
class CliCollectorIT {

  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final int INTERFACES = 3;
  private static final int READINGS = 5;
  /** The key-value CLI records get a family of their own, so that Kafka tells them apart from NETCONF's. */
  private static final String CLI_FAMILY = "cli_interface";
  private static final String BRIEF = """
      { command = "show interfaces statistics brief", format = regex, family = %s,
        pattern = \"\"\"(?m)^interface=(?<name>\\S+) oper-status=\\S+ speed-bps=(?<speed>\\d+) in-octets=(?<inOctets>\\d+) out-octets=(?<outOctets>\\d+) in-packets=(?<inPackets>\\d+) out-packets=(?<outPackets>\\d+)\"\"\",
        tags { interface = name }, gauges { speed_bps = speed },
        counters { in_octets = inOctets, out_octets = outOctets, in_packets = inPackets, out_packets = outPackets } }
      """.formatted(CLI_FAMILY);

  @TempDir
  Path workDir;

  @Test
  void netconfAndCliShareOneConnectionAndBothDeliver() {
    try (LocalStack stack = LocalStack.startWithoutNode(workDir, FleetSpec.of(2).withInterfaces(INTERFACES))) {
      SimulatedDevice both = stack.fleet().device("sim-0001");
      SimulatedDevice cliOnly = stack.fleet().device("sim-0002");
      List<Target> fleet = stack.fleet().targets(INTERVAL, Duration.ofSeconds(10));
      Target first = withCollectors(fleet.get(0), CollectorSpec.of("junos-netconf", INTERVAL),
          cli("commands = [ " + BRIEF + " ]"));
      Target second = withCollectors(fleet.get(1), cli("""
          commands = [
            { command = "show interfaces extensive | display xml", format = junos-xml }
            { command = "show chassis routing-engine | display json", format = junos-json }
          ]"""));
      stack.startNode(List.of(first, second), ConfigFactory.empty());

      String bootstrap = stack.broker().bootstrapServers();
      List<String> topics = List.of("telemetry.metrics.interface", "telemetry.metrics." + CLI_FAMILY,
          "telemetry.metrics.route_engine");
      // Each physical interface: READINGS records per source (units come from the Junos documents only).
      List<Decoded> records = DecodedRecords.decode(TopicReader.readUntil(bootstrap, topics, rs -> {
        List<Decoded> decoded = DecodedRecords.decode(rs);
        return count(decoded, r -> r.key().equals(both.id()) && r.topic().endsWith(".interface")) >= 2 * INTERFACES * READINGS
            && count(decoded, r -> r.key().equals(both.id()) && r.topic().endsWith(CLI_FAMILY)) >= INTERFACES * READINGS
            && count(decoded, r -> r.key().equals(cliOnly.id()) && r.topic().endsWith(".interface")) >= 2 * INTERFACES * READINGS
            && count(decoded, r -> r.key().equals(cliOnly.id()) && r.topic().endsWith("route_engine")) >= READINGS;
      }, Duration.ofSeconds(90)));

      // One SSH connection carried sim-0001's NETCONF session and every one of its CLI commands.
      assertTrue(both.requestCount() >= READINGS * 2, "NETCONF RPCs: " + both.requestCount());
      assertTrue(both.cliCommandCount() >= READINGS, "CLI commands: " + both.cliCommandCount());
      assertEquals(1, both.sshConnectionsAccepted(), "junos-netconf and cli share the device's one SSH connection");
      assertEquals(1, both.openSshConnections());
      assertEquals(0, cliOnly.requestCount(), "the CLI-only box got no NETCONF request");
      assertEquals(1, cliOnly.sshConnectionsAccepted());

      // Both sources of sim-0001 give the simulator's known rates.
      checkRates(both, records.stream().filter(r -> r.key().equals(both.id()) && r.topic().endsWith(CLI_FAMILY)).toList());
      checkRates(both, records.stream().filter(r -> r.key().equals(both.id()) && r.topic().endsWith(".interface")).toList());
      // The CLI-only box: Junos XML through the cli collector, rates included, and its routing engine from JSON.
      checkRates(cliOnly, records.stream().filter(r -> r.key().equals(cliOnly.id()) && r.topic().endsWith(".interface")).toList());
      Decoded engine = records.stream().filter(r -> r.key().equals(cliOnly.id()) && r.topic().endsWith("route_engine"))
          .max(Comparator.comparingLong(Decoded::offset)).orElseThrow();
      assertEquals(Map.of("slot", "0", "mastership", "master"), engine.sample().tags());
      assertEquals(cliOnly.uptimeSeconds(), engine.sample().gauges().get("uptime_seconds"), 5.0);
      Decoded unit = records.stream().filter(r -> r.key().equals(cliOnly.id())
          && "ge-0/0/0.0".equals(r.sample().tags().get("interface"))).findFirst().orElseThrow();
      assertTrue(unit.sample().counters().containsKey("in_packets"), "logical units come with the XML document");
    }
  }

  /** Every physical interface's mean rate per counter equals the simulator's known rate. */
  private static void checkRates(SimulatedDevice device, List<Decoded> records) {
    Map<String, List<Decoded>> bySeries = records.stream()
        .filter(r -> !r.sample().tags().get("interface").contains("."))
        .collect(Collectors.groupingBy(r -> r.sample().tags().get("interface")));
    assertEquals(INTERFACES, bySeries.size(), device.id() + " " + bySeries.keySet());
    for (Map.Entry<String, List<Decoded>> series : bySeries.entrySet()) {
      List<Decoded> readings = new ArrayList<>(series.getValue());
      readings.sort(Comparator.comparingLong(Decoded::offset));
      for (String counter : List.of("in_octets", "out_octets", "in_packets", "out_packets")) {
        double expected = device.expectedRate(series.getKey(), counter);
        double weighted = 0;
        double seconds = 0;
        for (int i = 1; i < readings.size(); i++) {
          Double rate = readings.get(i).sample().rates().get(counter);
          assertTrue(rate != null, device.id() + " " + series.getKey() + " " + counter + " has a rate at step " + i);
          double step = (readings.get(i).sample().timeUnixNano() - readings.get(i - 1).sample().timeUnixNano()) / 1e9;
          weighted += rate * step;
          seconds += step;
        }
        assertEquals(expected, weighted / seconds, expected * 0.02 + 1.0,
            device.id() + " " + series.getKey() + " " + counter + " mean rate over " + seconds + " s");
      }
    }
  }

  private static CollectorSpec cli(String settings) {
    return new CollectorSpec("cli", INTERVAL, ConfigFactory.parseString(settings), "cli");
  }

  private static Target withCollectors(Target t, CollectorSpec... collectors) {
    return new Target(t.id(), t.host(), t.port(), t.credentials(), List.of(collectors), t.timeout(), t.labels());
  }

  private static long count(List<Decoded> records, Predicate<Decoded> which) {
    return records.stream().filter(which).count();
  }
}
