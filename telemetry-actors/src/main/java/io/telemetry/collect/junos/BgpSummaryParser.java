package io.telemetry.collect.junos;

import static io.telemetry.collect.junos.JunosXml.attribute;
import static io.telemetry.collect.junos.JunosXml.child;
import static io.telemetry.collect.junos.JunosXml.childText;
import static io.telemetry.collect.junos.JunosXml.children;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.w3c.dom.Element;

/**
 * Reads a {@code get-bgp-summary-information} reply ({@code show bgp summary}) into one
 * {@code bgp_peer} sample per peer (session state, flaps, messages, prefix totals) and one
 * {@code bgp_peer_rib} sample per peer and routing table (prefix counts per table).
 *
 * <p>The routing instance of a peer is, in order: the instance the request asked for; the peer's
 * {@code peer-fwd-rti} / {@code peer-cfg-rti} when the release reports them; the instance part of
 * its tables' names ({@code frontend.inet.0}); else the default instance. Junos calls the default
 * instance {@code master}; the tag says {@code default}.
 */
public final class BgpSummaryParser {

  public static final String PEER_FAMILY = "bgp_peer";
  public static final String RIB_FAMILY = "bgp_peer_rib";
  public static final String RPC = "get-bgp-summary-information";
  public static final String DEFAULT_INSTANCE = "default";

  /** BGP4-MIB bgpPeerState codes (RFC 4273), so that every source reports the same numbers. */
  private static final Map<String, Double> FSM_STATES = Map.of(
      "idle", 1.0, "connect", 2.0, "active", 3.0, "opensent", 4.0, "openconfirm", 5.0, "established", 6.0);

  public record Result(List<Sample> peers, List<Sample> ribs) {
    public Result {
      peers = List.copyOf(peers);
      ribs = List.copyOf(ribs);
    }

    public List<Sample> all() {
      List<Sample> all = new ArrayList<>(peers);
      all.addAll(ribs);
      return all;
    }
  }

  private BgpSummaryParser() {}

  /**
   * @param requestedInstance the {@code <instance>} the request named (Junos name, e.g.
   *                          {@code master}); empty when the request covered every instance
   */
  public static Result parse(String device, Instant time, String xml, Optional<String> requestedInstance)
      throws JunosParseException {
    List<Sample> peers = new ArrayList<>();
    List<Sample> ribs = new ArrayList<>();
    for (JunosXml.Body body : JunosXml.bodies(JunosXml.parse(xml), "bgp-information")) {
      for (Element peer : children(body.element(), "bgp-peer")) {
        parsePeer(device, time, body.reName(), peer, requestedInstance, peers, ribs);
      }
    }
    return new Result(peers, ribs);
  }

  /** Junos' {@code master} is the default instance. */
  public static String instanceTag(String junosInstance) {
    return "master".equals(junosInstance) ? DEFAULT_INSTANCE : junosInstance;
  }

  private static void parsePeer(String device, Instant time, Optional<String> re, Element peer,
      Optional<String> requestedInstance, List<Sample> peers, List<Sample> ribs) throws JunosParseException {
    String address = childText(peer, "peer-address")
        .map(BgpSummaryParser::withoutPort)
        .orElseThrow(() -> new JunosParseException("a <bgp-peer> has no <peer-address>"));
    List<Element> tables = children(peer, "bgp-rib");
    String instance = instanceTag(requestedInstance
        .or(() -> childText(peer, "peer-fwd-rti"))
        .or(() -> childText(peer, "peer-cfg-rti"))
        .or(() -> tables.stream().map(t -> childText(t, "name")).flatMap(Optional::stream)
            .map(BgpSummaryParser::instanceOfTable).flatMap(Optional::stream).findFirst())
        .orElse("master"));

    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("instance", instance);
    tags.put("peer", address);
    childText(peer, "peer-as").ifPresent(as -> tags.put("peer_as", as));
    re.ifPresent(r -> tags.put("re", r));

    Map<String, Double> gauges = new LinkedHashMap<>();
    Optional<String> state = childText(peer, "peer-state");
    boolean established = state.filter("Established"::equalsIgnoreCase).isPresent();
    state.ifPresent(s -> gauges.put("state", established ? 1.0 : 0.0));
    state.map(s -> FSM_STATES.get(s.toLowerCase(Locale.ROOT))).ifPresent(code -> gauges.put("fsm_state", code));
    OptionalLong elapsed = elapsedSeconds(peer);
    elapsed.ifPresent(v -> gauges.put("state_seconds", (double) v));
    if (established) {
      elapsed.ifPresent(v -> gauges.put("uptime_seconds", (double) v));
    }
    childText(peer, "route-queue-count").flatMap(t -> JunosValues.boxed(JunosValues.decimal(t)))
        .ifPresent(v -> gauges.put("output_queue", v));

    Map<String, Long> counters = new LinkedHashMap<>();
    counter(peer, "flap-count", "flaps", counters);
    counter(peer, "input-messages", "in_messages", counters);
    counter(peer, "output-messages", "out_messages", counters);

    Map<String, Double> totals = new LinkedHashMap<>();
    for (Element table : tables) {
      Optional<String> tableName = childText(table, "name");
      if (tableName.isEmpty()) {
        throw new JunosParseException("a <bgp-rib> of peer " + address + " has no <name>");
      }
      Map<String, Double> counts = prefixCounts(table);
      counts.forEach((field, value) -> totals.merge(field, value, Double::sum));
      Map<String, String> ribTags = new LinkedHashMap<>(tags);
      ribTags.put("table", tableName.get());
      ribTags.put("address_family", addressFamily(tableName.get()));
      ribs.add(new Sample(device, RIB_FAMILY, time, ribTags, Map.of(), counts, Map.of(), 64, ""));
    }
    gauges.putAll(totals);
    peers.add(new Sample(device, PEER_FAMILY, time, tags, counters, gauges, Map.of(), 64, ""));
  }

  private static Map<String, Double> prefixCounts(Element table) {
    Map<String, Double> counts = new LinkedHashMap<>();
    gauge(table, "received-prefix-count", "received_prefixes", counts);
    gauge(table, "accepted-prefix-count", "accepted_prefixes", counts);
    gauge(table, "active-prefix-count", "active_prefixes", counts);
    gauge(table, "suppressed-prefix-count", "suppressed_prefixes", counts);
    return counts;
  }

  /** {@code elapsed-time/@seconds}, else its text ({@code 20w6d20h}, {@code 1:02:03}). */
  private static OptionalLong elapsedSeconds(Element peer) {
    Optional<Element> elapsed = child(peer, "elapsed-time");
    if (elapsed.isEmpty()) {
      return OptionalLong.empty();
    }
    Optional<String> seconds = attribute(elapsed.get(), "seconds");
    if (seconds.isPresent()) {
      OptionalLong parsed = JunosValues.unsigned64(seconds.get());
      if (parsed.isPresent()) {
        return parsed;
      }
    }
    return JunosValues.elapsedSeconds(JunosXml.text(elapsed.get()));
  }

  /** {@code 10.0.0.1+179} -> {@code 10.0.0.1} (detail replies append the TCP port). */
  static String withoutPort(String address) {
    int plus = address.indexOf('+');
    return plus < 0 ? address : address.substring(0, plus);
  }

  /**
   * The instance a table belongs to: {@code frontend.inet.0} -> frontend; the default instance's
   * tables ({@code inet.0}, {@code inet6.0}, {@code bgp.l3vpn.0}, {@code mpls.0}) -> empty.
   */
  static Optional<String> instanceOfTable(String table) {
    String[] parts = table.split("\\.");
    if (parts.length < 3 || "bgp".equals(parts[0])) {
      return Optional.empty();
    }
    return Optional.of(String.join(".", java.util.Arrays.copyOf(parts, parts.length - 2)));
  }

  /**
   * The address family of a Junos table: the part before the table number, {@code inet} ->
   * {@code ipv4}, {@code inet6} -> {@code ipv6}, {@code l3vpn} -> {@code vpnv4}, ...; other
   * families keep their Junos name ({@code evpn}, {@code mpls}).
   */
  static String addressFamily(String table) {
    String[] parts = table.split("\\.");
    String family = parts.length >= 2 ? parts[parts.length - 2] : table;
    return switch (family) {
      case "inet" -> "ipv4";
      case "inet6" -> "ipv6";
      case "inetflow" -> "ipv4_flow";
      case "inet6flow" -> "ipv6_flow";
      case "l3vpn" -> "vpnv4";
      case "l3vpn-inet6" -> "vpnv6";
      case "inetvpnflow" -> "vpnv4_flow";
      default -> family;
    };
  }

  private static void counter(Element parent, String element, String field, Map<String, Long> counters) {
    childText(parent, element).ifPresent(text -> JunosValues.unsigned64(text).ifPresent(v -> counters.put(field, v)));
  }

  private static void gauge(Element parent, String element, String field, Map<String, Double> gauges) {
    childText(parent, element).flatMap(t -> JunosValues.boxed(JunosValues.decimal(t))).ifPresent(v -> gauges.put(field, v));
  }
}
