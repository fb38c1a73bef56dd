package io.telemetry.simulate;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a fleet until the process is stopped. For the demo and the benchmark use the
 * {@code telemetry simulate} command; this entry point is for running the simulator on its own:
 *
 * <pre>
 * SimulatorMain [--devices N] [--interfaces N] [--bind ADDRESS] [--base-port PORT]
 *               [--user NAME] [--password SECRET] [--framing ALTERNATE|ALL_CHUNKED|ALL_END_OF_MESSAGE]
 *               [--host-key FILE] [--known-hosts FILE]
 * </pre>
 */
public final class SimulatorMain {

  private SimulatorMain() {}

  public static void main(String[] args) throws Exception {
    FleetSpec spec = FleetSpec.of(10);
    Path knownHosts = Path.of(".telemetry", "simulator-known_hosts");
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        System.out.println("usage: SimulatorMain [--devices N] [--interfaces N] [--bind ADDRESS] [--base-port PORT]"
            + " [--user NAME] [--password SECRET] [--framing ALTERNATE|ALL_CHUNKED|ALL_END_OF_MESSAGE]"
            + " [--host-key FILE] [--known-hosts FILE]");
        return;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      spec = switch (option) {
        case "--devices" -> spec.withDevices(Integer.parseInt(value));
        case "--interfaces" -> spec.withInterfaces(Integer.parseInt(value));
        case "--bind" -> spec.withBindAddress(value);
        case "--base-port" -> spec.withBasePort(Integer.parseInt(value));
        case "--user" -> spec.withCredentials(value, spec.password());
        case "--password" -> spec.withCredentials(spec.username(), value);
        case "--framing" -> spec.withFraming(FleetSpec.FramingMix.valueOf(value));
        case "--host-key" -> spec.withHostKeyFile(Path.of(value));
        case "--known-hosts" -> {
          knownHosts = Path.of(value);
          yield spec;
        }
        default -> throw new IllegalArgumentException("unknown option " + option + " (try --help)");
      };
    }
    SimulatedFleet fleet = SimulatedFleet.start(spec);
    fleet.writeKnownHosts(knownHosts);
    SimulatedDevice first = fleet.devices().get(0);
    SimulatedDevice last = fleet.devices().get(fleet.devices().size() - 1);
    System.out.println("Simulating " + spec);
    System.out.println("  " + first.id() + " at " + first.host() + ":" + first.port() + " ... " + last.id() + " at "
        + last.host() + ":" + last.port());
    System.out.println("  known_hosts written to " + knownHosts.toAbsolutePath());
    System.out.println("  Ctrl-C to stop");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fleet.close();
      stopped.countDown();
    }, "simulator-shutdown"));
    stopped.await();
  }
}
