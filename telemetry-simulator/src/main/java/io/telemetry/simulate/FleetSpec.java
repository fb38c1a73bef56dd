package io.telemetry.simulate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What fleet of simulated Junos devices to start. Build one with {@link #of(int)} and the
 * {@code with...} methods.
 *
 * @param devices             number of devices ({@code sim-0001} ...)
 * @param interfacesPerDevice physical interfaces per device ({@code ge-0/0/0} ...)
 * @param bindAddress         address every device listens on
 * @param basePort            port of the first device, the others follow; 0 picks free ports
 * @param username            login every device accepts
 * @param password            password every device accepts
 * @param framing             which devices speak base:1.1 (chunked framing)
 * @param hostKeyFile         the fleet's SSH host key; generated on first use, then reused
 */
public record FleetSpec(
    int devices,
    int interfacesPerDevice,
    String bindAddress,
    int basePort,
    String username,
    String password,
    FramingMix framing,
    Path hostKeyFile) {

  /** Which devices advertise base:1.1. */
  public enum FramingMix {
    /** Every device speaks base:1.0 and base:1.1; sessions use chunked framing. */
    ALL_CHUNKED,
    /** Every device speaks base:1.0 only; sessions use end-of-message framing. */
    ALL_END_OF_MESSAGE,
    /** Odd-numbered devices (sim-0001, sim-0003, ...) chunked, even-numbered base:1.0 only. */
    ALTERNATE
  }

  public static final String DEFAULT_CREDENTIAL = "telemetry";
  public static final Path DEFAULT_HOST_KEY_FILE = Path.of(".telemetry", "simulator-host-key");

  public FleetSpec {
    if (devices < 1) {
      throw new IllegalArgumentException("devices must be at least 1, was " + devices);
    }
    if (interfacesPerDevice < 1 || interfacesPerDevice > 4096) {
      throw new IllegalArgumentException("interfacesPerDevice must be 1..4096, was " + interfacesPerDevice);
    }
    if (basePort < 0 || basePort > 65535 || basePort > 0 && basePort + devices - 1 > 65535) {
      throw new IllegalArgumentException("ports " + basePort + ".." + (basePort + devices - 1) + " do not fit in 1..65535");
    }
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(framing, "framing");
    Objects.requireNonNull(hostKeyFile, "hostKeyFile");
  }

  /**
   * {@code devices} devices with 48 interfaces on 127.0.0.1, free ports, telemetry/telemetry,
   * alternating framing, host key in {@code .telemetry/simulator-host-key}.
   */
  public static FleetSpec of(int devices) {
    return new FleetSpec(devices, 48, "127.0.0.1", 0, DEFAULT_CREDENTIAL, DEFAULT_CREDENTIAL,
        FramingMix.ALTERNATE, DEFAULT_HOST_KEY_FILE);
  }

  public FleetSpec withDevices(int count) {
    return new FleetSpec(count, interfacesPerDevice, bindAddress, basePort, username, password, framing, hostKeyFile);
  }

  public FleetSpec withInterfaces(int count) {
    return new FleetSpec(devices, count, bindAddress, basePort, username, password, framing, hostKeyFile);
  }

  public FleetSpec withBindAddress(String address) {
    return new FleetSpec(devices, interfacesPerDevice, address, basePort, username, password, framing, hostKeyFile);
  }

  public FleetSpec withBasePort(int port) {
    return new FleetSpec(devices, interfacesPerDevice, bindAddress, port, username, password, framing, hostKeyFile);
  }

  public FleetSpec withCredentials(String user, String secret) {
    return new FleetSpec(devices, interfacesPerDevice, bindAddress, basePort, user, secret, framing, hostKeyFile);
  }

  public FleetSpec withFraming(FramingMix mix) {
    return new FleetSpec(devices, interfacesPerDevice, bindAddress, basePort, username, password, mix, hostKeyFile);
  }

  public FleetSpec withHostKeyFile(Path file) {
    return new FleetSpec(devices, interfacesPerDevice, bindAddress, basePort, username, password, framing, file);
  }

  /** Whether device number {@code number} (1-based) advertises base:1.1. */
  boolean chunked(int number) {
    return switch (framing) {
      case ALL_CHUNKED -> true;
      case ALL_END_OF_MESSAGE -> false;
      case ALTERNATE -> number % 2 == 1;
    };
  }

  @Override
  public String toString() {
    return "FleetSpec[" + devices + " devices x " + interfacesPerDevice + " interfaces on " + bindAddress
        + (basePort == 0 ? " (free ports)" : " from port " + basePort) + ", user " + username + ", " + framing + "]";
  }
}
