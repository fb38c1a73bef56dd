package io.telemetry.host.cli;

import io.telemetry.host.demo.FleetTargets;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import io.telemetry.simulate.SimulatedFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code telemetry simulate --devices N}: simulated Junos devices on loopback, one port each,
 * until Ctrl-C. Writes a known_hosts file and a HOCON target list for {@code telemetry run}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run simulated Junos devices (NETCONF over SSH) on loopback.")
public final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--devices", defaultValue = "30", description = "Number of devices (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--interfaces", defaultValue = "48", description = "Interfaces per device (default ${DEFAULT-VALUE}).")
  int interfaces;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--base-port", defaultValue = "0",
      description = "First port; device i listens on base+i-1. 0 picks free ports (default).")
  int basePort;

  @Option(names = "--framing", defaultValue = "ALTERNATE",
      description = "ALTERNATE (odd devices base:1.1 chunked, even base:1.0), ALL_CHUNKED or ALL_END_OF_MESSAGE.")
  FleetSpec.FramingMix framing;

  @Option(names = "--known-hosts", defaultValue = ".telemetry/simulator-known_hosts",
      description = "Where to write the devices' host keys (default ${DEFAULT-VALUE}).")
  Path knownHosts;

  @Option(names = "--targets-out", defaultValue = ".telemetry/simulator-targets.conf",
      description = "Where to write the HOCON target list (default ${DEFAULT-VALUE}).")
  Path targetsOut;

  @Option(names = "--interval", defaultValue = "30s", description = "Poll interval written into the target list.")
  String interval;

  @Override
  public Integer call() throws Exception {
    FleetSpec spec = FleetSpec.of(devices).withInterfaces(interfaces).withBindAddress(bind)
        .withBasePort(basePort).withFraming(framing);
    try (SimulatedFleet fleet = SimulatedFleet.start(spec)) {
      fleet.writeKnownHosts(knownHosts);
      Duration every = com.typesafe.config.ConfigFactory.parseString("d = " + interval).getDuration("d");
      Files.createDirectories(targetsOut.toAbsolutePath().getParent());
      Files.writeString(targetsOut, FleetTargets.asHocon(fleet.targets(every, Duration.ofSeconds(20))));
      SimulatedDevice first = fleet.devices().get(0);
      SimulatedDevice last = fleet.devices().get(fleet.devices().size() - 1);
      System.out.println("simulating " + spec);
      System.out.println("  " + first.id() + " at " + first.host() + ":" + first.port() + " ... "
          + last.id() + " at " + last.host() + ":" + last.port());
      System.out.println("  known_hosts: " + knownHosts.toAbsolutePath());
      System.out.println("  targets:     " + targetsOut.toAbsolutePath() + " (include it in a node's config)");
      System.out.println("ready"); // read by the bench, which runs the simulator as a child process
      System.out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "simulator-stop"));
      stop.await();
    }
    return 0;
  }
}
