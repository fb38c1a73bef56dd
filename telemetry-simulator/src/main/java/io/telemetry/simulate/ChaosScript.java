package io.telemetry.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one incident does to its device, as timed steps from its start, the last of which brings
 * everything back; and what it holds, so that two incidents never work on the same interface or
 * BGP session at once.
 *
 * @param steps     the changes, by time from the incident's start, in order
 * @param restore   brings the device back to normal at once (used when the chaos stops early)
 * @param resources device|interface and device|peer keys the incident holds until its last step
 */
record ChaosScript(List<Step> steps, Runnable restore, Set<String> resources) {

  /** One change, {@code at} after the incident started. */
  record Step(Duration at, Runnable change) {}

  static ChaosScript of(SimulatedDevice device, ChaosIncident incident, ChaosSettings settings) {
    String name = incident.interfaceName();
    List<Step> steps = new ArrayList<>();
    Runnable restore;
    switch (incident.kind()) {
      case LINK_FLAP -> {
        for (int change = 0; change < settings.flapChanges(); change++) {
          boolean up = change % 2 == 1;
          steps.add(new Step(settings.flapSpacing().multipliedBy(change), () -> device.setLinkUp(name, up)));
        }
        restore = () -> device.setLinkUp(name, true);
      }
      case LINK_FAILURE -> {
        steps.add(new Step(Duration.ZERO, () -> device.setLinkUp(name, false)));
        steps.add(new Step(settings.linkDownFor(), () -> device.setLinkUp(name, true)));
        restore = () -> device.setLinkUp(name, true);
      }
      case BGP_DROP -> {
        String peer = incident.peerAddresses().get(0);
        steps.add(new Step(Duration.ZERO, () -> device.setBgpPeerUp(peer, false)));
        steps.add(new Step(settings.bgpDownFor(), () -> device.setBgpPeerUp(peer, true)));
        restore = () -> device.setBgpPeerUp(peer, true);
      }
      case UTILIZATION_SPIKE -> {
        steps.add(new Step(Duration.ZERO, () -> device.setTrafficLoad(name, settings.spikeLoad())));
        steps.add(new Step(settings.spikeFor(), () -> device.resetTrafficLoad(name)));
        restore = () -> device.resetTrafficLoad(name);
      }
      default -> throw new IllegalStateException("unknown chaos kind " + incident.kind());
    }
    Set<String> resources = new LinkedHashSet<>();
    resources.add(device.id() + "|interface " + name);
    incident.peerAddresses().forEach(p -> resources.add(device.id() + "|peer " + p));
    return new ChaosScript(List.copyOf(steps), restore, Set.copyOf(resources));
  }

  /** Whether the device is in the healthy state the incident starts from (interface up, sessions established). */
  static boolean ready(SimulatedDevice device, ChaosIncident incident) {
    return device.linkUp(incident.interfaceName())
        && incident.peerAddresses().stream().allMatch(device::bgpPeerEstablished);
  }
}
