package io.telemetry.simulate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders {@code get-bgp-summary-information} and {@code get-instance-information} the way
 * Junos does ({@code show bgp summary [instance X]}, {@code show route instance}): per-table
 * totals first, then one terse {@code bgp-peer} per session with its tables while established.
 */
final class BgpReplies {

  static final String ROUTING_NS = "http://xml.juniper.net/junos/" + JunosReplies.JUNOS_RELEASE + "/junos-routing";

  private BgpReplies() {}

  /**
   * @param instance the requested instance; empty for every instance
   * @return the reply body, or empty when the instance does not exist
   */
  static Optional<String> summary(List<SimulatedBgp.View> sessions, List<String> instances, Optional<String> instance) {
    if (instance.isPresent() && !instances.contains(instance.get())) {
      return Optional.empty();
    }
    List<SimulatedBgp.View> shown = sessions.stream()
        .filter(s -> instance.map(s.instance()::equals).orElse(true)).toList();
    JunosXmlWriter xml = new JunosXmlWriter(1024 + shown.size() * 900)
        .open("bgp-information", "xmlns", ROUTING_NS)
        .leaf("group-count", shown.stream().map(s -> s.instance() + s.peerAs()).distinct().count())
        .leaf("peer-count", shown.size())
        .leaf("down-peer-count", shown.stream().filter(s -> !s.established()).count());
    Map<String, int[]> totals = new LinkedHashMap<>();
    for (SimulatedBgp.View s : shown) {
      for (SimulatedBgp.Table t : s.tables()) {
        int[] sum = totals.computeIfAbsent(t.name(), k -> new int[3]);
        sum[0] += t.received();
        sum[1] += t.accepted();
        sum[2] += t.active();
      }
    }
    totals.forEach((name, sum) -> xml.open("bgp-rib", "junos:style", "brief")
        .leaf("name", name)
        .leaf("total-prefix-count", sum[0])
        .leaf("received-prefix-count", sum[0])
        .leaf("accepted-prefix-count", sum[1])
        .leaf("active-prefix-count", sum[2])
        .leaf("suppressed-prefix-count", 0)
        .leaf("history-prefix-count", 0)
        .leaf("damped-prefix-count", 0)
        .leaf("pending-prefix-count", 0)
        .leaf("bgp-rib-state", "BGP restart is complete")
        .close("bgp-rib"));
    for (SimulatedBgp.View s : shown) {
      xml.open("bgp-peer", "junos:style", "terse")
          .leaf("peer-address", s.address())
          .leaf("peer-as", s.peerAs())
          .leaf("input-messages", s.inMessages())
          .leaf("output-messages", s.outMessages())
          .leaf("route-queue-count", 0)
          .leaf("flap-count", s.flaps())
          .leaf("elapsed-time", "junos:seconds", Long.toString(s.elapsedSeconds()), elapsedText(s.elapsedSeconds()));
      if (s.established()) {
        xml.leaf("peer-state", "junos:format", "Establ", "Established");
      } else {
        xml.leaf("peer-state", "Active");
      }
      for (SimulatedBgp.Table t : s.tables()) {
        xml.open("bgp-rib", "junos:style", "terse")
            .leaf("name", t.name())
            .leaf("active-prefix-count", t.active())
            .leaf("received-prefix-count", t.received())
            .leaf("accepted-prefix-count", t.accepted())
            .leaf("suppressed-prefix-count", 0)
            .close("bgp-rib");
      }
      xml.close("bgp-peer");
    }
    return Optional.of(xml.close("bgp-information").toString());
  }

  /** {@code show route instance}: the BGP instances plus Junos' internal ones. */
  static String instanceInformation(List<String> instances) {
    JunosXmlWriter xml = new JunosXmlWriter(1024).open("instance-information", "xmlns", ROUTING_NS, "junos:style", "terse");
    for (String name : List.of(instances.get(0), "__juniper_private1__", "__master.anon__")) {
      xml.open("instance-core").leaf("instance-name", name).leaf("instance-type", "forwarding").close("instance-core");
    }
    for (String name : instances.subList(1, instances.size())) {
      xml.open("instance-core").leaf("instance-name", name).leaf("instance-type", "vrf")
          .open("instance-rib").leaf("irib-name", name + ".inet.0").leaf("irib-active-count", 16).close("instance-rib")
          .close("instance-core");
    }
    return xml.close("instance-information").toString();
  }

  /** Junos' "Last Up/Dwn": {@code 1:02:03} under a day, {@code 3d 4:05:06} under a week, else {@code 20w6d20h}. */
  static String elapsedText(long seconds) {
    long days = seconds / 86_400;
    String clock = String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    if (days == 0) {
      return clock;
    }
    if (days < 7) {
      return days + "d " + clock;
    }
    return (days / 7) + "w" + (days % 7) + "d" + (seconds / 3600 % 24) + "h";
  }
}
