package io.telemetry.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.PollResult;
import io.telemetry.collect.cli.CliCollectorFactory;
import io.telemetry.collect.junos.JunosNetconfCollectorFactory;
import io.telemetry.collect.ssh.SshConnector;
import io.telemetry.collect.ssh.SshDeviceSession;
import io.telemetry.collect.ssh.SshSettings;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cli collector over real SSH exec channels against the simulator, next to the junos-netconf
 * collector on the same device session: each CLI format reports what NETCONF reports (counters
 * between the NETCONF readings taken just before and just after), and all of it goes over one
 * SSH connection.
 */
class CliCollectorAgainstSimulatorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final List<String> COUNTERS = List.of("in_octets", "out_octets", "in_packets", "out_packets",
      "in_errors", "out_errors", "in_discards", "out_discards");

  @TempDir Path dir;

  private static CollectorSpec cli(String commands) {
    return new CollectorSpec("cli", Duration.ofSeconds(30), ConfigFactory.parseString(commands), "cli");
  }

  @Test
  void everyFormatMatchesNetconfOverOneConnection() throws Exception {
    try (SimulatedFleet fleet = SimulatedFleet.start(FleetSpec.of(2).withInterfaces(5)
            .withHostKeyFile(dir.resolve("host-key")));
        SshConnector ssh = new SshConnector(new SshSettings(dir.resolve("known_hosts"), false, TIMEOUT, TIMEOUT,
            Duration.ofSeconds(15)))) {
      fleet.writeKnownHosts(dir.resolve("known_hosts"));
      SimulatedDevice device = fleet.device("sim-0002");
      Target base = fleet.targets(Duration.ofSeconds(30), TIMEOUT).get(1);
      CollectorSpec xml = cli("commands = [ { command = \"show interfaces extensive | display xml\", format = junos-xml },"
          + " { command = \"show chassis routing-engine | display xml\", format = junos-xml } ]");
      CollectorSpec json = cli("commands = [ { command = \"show interfaces extensive | display json\", format = junos-json },"
          + " { command = \"show chassis routing-engine | display json\", format = junos-json } ]");
      CollectorSpec text = cli("""
          commands = [ { command = "show interfaces statistics brief", format = regex, family = interface,
            pattern = \"\"\"(?m)^interface=(?<name>\\S+) oper-status=\\S+ speed-bps=(?<speed>\\d+) in-octets=(?<inOctets>\\d+) out-octets=(?<outOctets>\\d+) in-packets=(?<inPackets>\\d+) out-packets=(?<outPackets>\\d+) in-errors=(?<inErrors>\\d+) out-errors=(?<outErrors>\\d+) in-discards=(?<inDiscards>\\d+) out-discards=(?<outDiscards>\\d+)$\"\"\",
            tags { interface = name }, gauges { speed_bps = speed },
            counters { in_octets = inOctets, out_octets = outOctets, in_packets = inPackets, out_packets = outPackets,
                       in_errors = inErrors, out_errors = outErrors, in_discards = inDiscards, out_discards = outDiscards } } ]""");
      Target target = new Target(base.id(), base.host(), base.port(), base.credentials(),
          // NETCONF limited to what the CLI commands read (no inventory tags), so that series compare as they are.
          List.of(new CollectorSpec("junos-netconf", Duration.ofSeconds(30),
              ConfigFactory.parseString("rpcs = [interfaces, route-engine]"), "junos-netconf"), xml, json, text),
          TIMEOUT, Map.of());
      long connectionsBefore = device.sshConnectionsAccepted();

      try (SshDeviceSession session = new SshDeviceSession(ssh, target)) {
        Collector netconf = new JunosNetconfCollectorFactory().create(target, target.collectors().get(0));
        CliCollectorFactory factory = new CliCollectorFactory();
        List<Collector> clis = new ArrayList<>();
        for (CollectorSpec spec : List.of(xml, json, text)) {
          factory.validate(target, spec);
          clis.add(factory.create(target, spec));
        }
        netconf.open(session);
        for (Collector c : clis) {
          c.open(session);
        }

        PollResult before = netconf.poll(Instant.now());
        for (Collector c : clis) {
          PollResult fromCli = c.poll(Instant.now());
          PollResult after = netconf.poll(Instant.now());
          Map<String, Sample> cliInterfaces = physical(fromCli);
          assertEquals(device.interfaceNames(), cliInterfaces.keySet().stream().sorted().toList());
          Map<String, Sample> low = physical(before);
          Map<String, Sample> high = physical(after);
          for (String name : device.interfaceNames()) {
            for (String counter : COUNTERS) {
              long value = cliInterfaces.get(name).counters().get(counter);
              assertTrue(low.get(name).counters().get(counter) <= value && value <= high.get(name).counters().get(counter),
                  name + " " + counter + ": " + low.get(name).counters().get(counter) + " <= " + value + " <= "
                      + high.get(name).counters().get(counter));
            }
            assertEquals(low.get(name).gauges().get("speed_bps"), cliInterfaces.get(name).gauges().get("speed_bps"));
          }
          if (c != clis.get(2)) {
            long cliUptime = fromCli.deviceUptimeSeconds().orElseThrow();
            assertTrue(before.deviceUptimeSeconds().orElseThrow() <= cliUptime
                && cliUptime <= after.deviceUptimeSeconds().orElseThrow(), "uptime from the routing engine");
            assertEquals(tagsOf(before, "route_engine"), tagsOf(fromCli, "route_engine"));
            // Units and discontinuity tokens come from the same document as NETCONF's.
            assertEquals(discontinuities(before), discontinuities(fromCli));
          }
          before = after;
        }
        assertEquals(connectionsBefore + 1, device.sshConnectionsAccepted(),
            "NETCONF and every CLI command share one SSH connection");
        assertEquals(1, device.openSshConnections());
        assertEquals(2 + 2 + 1, device.cliCommandCount());
        for (Collector c : clis) {
          c.close();
        }
        netconf.close();
      }
    }
  }

  private static Map<String, Sample> physical(PollResult result) {
    return result.samples().stream()
        .filter(s -> s.family().equals("interface") && !s.tags().get("interface").contains("."))
        .collect(Collectors.toMap(s -> s.tags().get("interface"), s -> s));
  }

  private static List<Map<String, String>> tagsOf(PollResult result, String family) {
    return result.samples().stream().filter(s -> s.family().equals(family)).map(Sample::tags).toList();
  }

  private static Map<String, String> discontinuities(PollResult result) {
    return result.samples().stream().filter(s -> s.family().equals("interface"))
        .collect(Collectors.toMap(Sample::seriesKey, Sample::discontinuity));
  }
}
