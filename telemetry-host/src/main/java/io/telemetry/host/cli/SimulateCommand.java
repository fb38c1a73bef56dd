package io.telemetry.host.cli;

import io.telemetry.host.demo.CountProgress;
import io.telemetry.host.demo.FleetTargets;
import io.telemetry.simulate.ChaosKind;
import io.telemetry.simulate.ChaosSettings;
import io.telemetry.simulate.FleetChaos;
import io.telemetry.simulate.FleetSpec;
import io.telemetry.simulate.SimulatedDevice;
import io.telemetry.simulate.SimulatedFleet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry simulate --devices N}: simulated Junos devices on loopback, one port each,
 * until Ctrl-C (or {@code --duration}), with start-up progress and a status line every
 * {@code --progress} seconds. Writes a known_hosts file and a HOCON target list for {@code telemetry run}. With
 * {@code --chaos}, flaps links, fails links, drops BGP sessions and spikes traffic now and then.
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

  @Option(names = "--chaos",
      description = "Now and then flap a link, fail a link with its BGP sessions, drop a BGP session or spike an"
          + " interface's traffic, on a random device; each incident is printed as a 'chaos: ...' line.")
  boolean chaos;

  @Mixin
  ChaosOptions chaosOptions;

  @Option(names = "--chaos-seed", defaultValue = "1",
      description = "Seed of the chaos' random choices; one seed, one sequence of incidents (default ${DEFAULT-VALUE}).")
  long chaosSeed;

  @Option(names = "--progress", defaultValue = "10",
      description = "Seconds between status lines (sessions open, RPCs served and their rate, chaos events);"
          + " 0 = none (default ${DEFAULT-VALUE}).")
  int progressSeconds;

  @Option(names = "--duration",
      description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
  Integer durationSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (progressSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--progress must be 0 (off) or more seconds, was " + progressSeconds);
    }
    if (durationSeconds != null && durationSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--duration must be at least 1 second, was " + durationSeconds);
    }
    Duration every = DurationOption.parse(spec, "--interval", interval);
    ChaosSettings chaosSettings = chaos ? chaosSettings(every) : null;
    FleetSpec fleetSpec = FleetSpec.of(devices).withInterfaces(interfaces).withBindAddress(bind)
        .withBasePort(basePort).withFraming(framing);
    PrintWriter out = spec.commandLine().getOut();
    out.println("simulating " + fleetSpec);
    out.println("starting " + devices + " devices...");
    CountProgress listening = new CountProgress(out::println, "  %d/%d devices listening", devices, Duration.ofSeconds(1));
    try (SimulatedFleet fleet = SimulatedFleet.start(fleetSpec, listening)) {
      fleet.writeKnownHosts(knownHosts);
      Path targetsFile = targetsOut.toAbsolutePath();
      Files.createDirectories(targetsFile.getParent());
      Files.writeString(targetsOut, FleetTargets.asHocon(fleet.targets(every, Duration.ofSeconds(20))));
      SimulatedDevice first = fleet.devices().get(0);
      SimulatedDevice last = fleet.devices().get(fleet.devices().size() - 1);
      out.println("  " + first.id() + " at " + first.host() + ":" + first.port() + " ... "
          + last.id() + " at " + last.host() + ":" + last.port());
      out.println("  known_hosts: " + knownHosts.toAbsolutePath());
      out.println("  targets:     " + targetsFile + " (include it in a node's config)");
      if (chaosSettings != null) {
        out.println("  chaos:       an incident every " + chaosOptions.period + " (" + String.join(", ", chaosOptions.kinds)
            + "), seed " + chaosSeed);
      }
      out.println("ready"); // read by the bench, which runs the simulator as a child process
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Thread hook = new Thread(stop::countDown, "simulator-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      AtomicLong chaosEvents = new AtomicLong();
      try (FleetChaos running = chaosSettings == null ? null : FleetChaos.start(fleet, chaosSettings, incident -> {
        chaosEvents.incrementAndGet();
        out.println("chaos: " + incident.description());
      })) {
        runUntilStopped(stop, new SimulatorStatusLine(fleet, chaosEvents::get), out);
      } finally {
        removeHook(hook);
      }
      out.println("stopping " + devices + " devices");
    }
    out.flush();
    return 0;
  }

  /** Until Ctrl-C or --duration, with a status line every --progress seconds. */
  private void runUntilStopped(CountDownLatch stop, SimulatorStatusLine status, PrintWriter out)
      throws InterruptedException {
    long deadline = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + durationSeconds * 1_000_000_000L;
    long every = progressSeconds == 0 ? Long.MAX_VALUE : progressSeconds * 1_000_000_000L;
    long nextStatus = progressSeconds == 0 ? Long.MAX_VALUE : System.nanoTime() + every;
    while (true) {
      long now = System.nanoTime();
      long wake = Math.min(deadline, nextStatus);
      if (stop.await(Math.max(0, wake - now), TimeUnit.NANOSECONDS) || System.nanoTime() >= deadline) {
        return;
      }
      if (System.nanoTime() >= nextStatus) {
        out.println(status.next());
        out.flush();
        nextStatus += every;
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // Ctrl-C: the hook is running.
    }
  }

  private ChaosSettings chaosSettings(Duration pollInterval) {
    Set<ChaosKind> kinds = chaosOptions.kinds(spec);
    try {
      return ChaosSettings.defaults(pollInterval).withPeriod(chaosOptions.period(spec)).withKinds(kinds)
          .withSeed(chaosSeed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
