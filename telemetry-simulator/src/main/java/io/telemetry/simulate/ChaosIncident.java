package io.telemetry.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One incident {@link FleetChaos} stages, as its listener hears of it when it starts.
 *
 * @param kind          what happens
 * @param deviceId      the device it happens on, e.g. {@code sim-0007}
 * @param interfaceName the interface concerned; for a BGP drop, the one the session runs over (it stays up)
 * @param peerAddresses the BGP sessions that go down: the link's for a link failure, one for a
 *                      BGP drop, none otherwise
 * @param duration      from the first change until everything is back to normal
 * @param description   one line for people, e.g. {@code flapping sim-0007 ge-0/0/3: 4 changes 45s apart}
 */
public record ChaosIncident(ChaosKind kind, String deviceId, String interfaceName, List<String> peerAddresses,
    Duration duration, String description) {

  public ChaosIncident {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(interfaceName, "interfaceName");
    peerAddresses = List.copyOf(peerAddresses);
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(description, "description");
  }

  @Override
  public String toString() {
    return description;
  }
}
