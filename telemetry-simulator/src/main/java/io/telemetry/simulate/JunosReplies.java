package io.telemetry.simulate;

import io.telemetry.collect.netconf.NetconfXml;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Renders what a Junos box sends: the hello with its comments, and {@code <rpc-reply>}s in the
 * Junos namespaces with {@code junos:} attributes and newline-wrapped text.
 */
final class JunosReplies {

  static final String JUNOS_RELEASE = "21.4R0";
  static final String JUNOS_NS = "http://xml.juniper.net/junos/" + JUNOS_RELEASE + "/junos";
  static final String INTERFACE_NS = "http://xml.juniper.net/junos/" + JUNOS_RELEASE + "/junos-interface";
  static final String CHASSIS_NS = "http://xml.juniper.net/junos/" + JUNOS_RELEASE + "/junos-chassis";

  private static final DateTimeFormatter JUNOS_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** How much {@code get-interface-information} tells, from its option elements. */
  enum Detail {
    NORMAL, DETAIL, EXTENSIVE;

    String style() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private JunosReplies() {}

  static String hello(boolean base11, long sessionId, String user) {
    StringBuilder caps = new StringBuilder();
    for (String cap : List.of(
        NetconfXml.CAPABILITY_BASE_1_0,
        "urn:ietf:params:netconf:capability:candidate:1.0",
        "urn:ietf:params:netconf:capability:confirmed-commit:1.0",
        "urn:ietf:params:netconf:capability:validate:1.0",
        "urn:ietf:params:netconf:capability:url:1.0?scheme=http,ftp,file",
        "urn:ietf:params:xml:ns:netconf:base:1.0",
        "urn:ietf:params:xml:ns:netconf:capability:candidate:1.0",
        "http://xml.juniper.net/netconf/junos/1.0",
        "http://xml.juniper.net/dmi/system/1.0")) {
      caps.append("    <capability>").append(cap).append("</capability>\n");
    }
    if (base11) {
      caps.append("    <capability>").append(NetconfXml.CAPABILITY_BASE_1_1).append("</capability>\n");
    }
    return "<!-- No zombies were killed during the creation of this user interface -->\n"
        + "<!-- user " + user + ", class j-super-user -->\n"
        + "<hello xmlns=\"" + NetconfXml.BASE_NAMESPACE + "\">\n"
        + "  <capabilities>\n" + caps
        + "  </capabilities>\n"
        + "  <session-id>" + sessionId + "</session-id>\n"
        + "</hello>\n";
  }

  /** Wraps a reply body the way Junos does. */
  static String rpcReply(String messageId, String body) {
    StringBuilder reply = new StringBuilder(body.length() + 256);
    reply.append("<rpc-reply xmlns=\"").append(NetconfXml.BASE_NAMESPACE).append("\" xmlns:junos=\"")
        .append(JUNOS_NS).append('"');
    if (messageId != null) {
      reply.append(" message-id=\"").append(NetconfXml.escape(messageId)).append('"');
    }
    return reply.append(">\n").append(body).append("</rpc-reply>\n").toString();
  }

  static String ok() {
    return "<ok/>\n";
  }

  static String rpcError(String type, String tag, String message, String badElement) {
    JunosXmlWriter xml = new JunosXmlWriter(512).open("rpc-error")
        .leaf("error-type", type)
        .leaf("error-tag", tag)
        .leaf("error-severity", "error");
    if (badElement != null) {
      xml.open("error-info").leaf("bad-element", badElement).close("error-info");
    }
    return xml.leaf("error-message", message).close("rpc-error").toString();
  }

  /** Interfaces whose name matches {@code filter} ({@code *} is a wildcard), or all when null. */
  static List<DeviceSnapshot.Interface> select(DeviceSnapshot device, String filter) {
    if (filter == null || filter.isBlank()) {
      return device.interfaces();
    }
    Pattern pattern = Pattern.compile(Pattern.quote(filter.trim()).replace("*", "\\E.*\\Q"));
    return device.interfaces().stream().filter(i -> pattern.matcher(i.name()).matches()).toList();
  }

  static String interfaceInformation(DeviceSnapshot device, List<DeviceSnapshot.Interface> selected, Detail detail) {
    JunosXmlWriter xml = new JunosXmlWriter(256 + selected.size() * (detail == Detail.EXTENSIVE ? 4200 : 2600));
    xml.open("interface-information", "xmlns", INTERFACE_NS, "junos:style", detail.style());
    for (DeviceSnapshot.Interface i : selected) {
      physicalInterface(xml, device, i, detail);
    }
    return xml.close("interface-information").toString();
  }

  private static void physicalInterface(JunosXmlWriter xml, DeviceSnapshot device, DeviceSnapshot.Interface i,
      Detail detail) {
    xml.open("physical-interface")
        .leaf("name", i.name())
        .leaf("admin-status", "junos:format", "Enabled", "up")
        .leaf("oper-status", i.operUp() ? "up" : "down")
        .leaf("local-index", i.localIndex())
        .leaf("snmp-index", i.snmpIndex())
        .leaf("generation", i.generation())
        .leaf("description", i.description())
        .leaf("link-level-type", "Ethernet")
        .leaf("mtu", 1514)
        .leaf("source-filtering", "disabled")
        .leaf("link-mode", "Full-duplex")
        .leaf("speed", InterfaceState.SPEED_BPS / 1_000_000 + "mbps")
        .leaf("bpdu-error", "none")
        .leaf("loopback", "disabled")
        .leaf("if-flow-control", "enabled")
        .leaf("if-auto-negotiation", "enabled")
        .leaf("if-remote-fault", "online")
        .open("if-device-flags").empty("ifdf-present").empty(i.operUp() ? "ifdf-running" : "ifdf-down")
        .close("if-device-flags")
        .open("if-config-flags").empty("iff-snmp-traps").leaf("internal-flags", "0x4000").close("if-config-flags")
        .leaf("current-physical-address", i.mac())
        .leaf("hardware-physical-address", i.mac())
        .leaf("interface-flapped", "junos:seconds", Long.toString(i.flappedSecondsAgo()),
            flappedText(device.nowEpochMillis() / 1000 - i.flappedSecondsAgo(), i.flappedSecondsAgo()))
        .leaf("statistics-cleared", "Never");

    xml.open("traffic-statistics", "junos:style", detail == Detail.NORMAL ? "brief" : "verbose")
        .leaf("input-bytes", i.counter(JunosCounter.INPUT_BYTES))
        .leaf("input-bps", Math.round(i.rate(JunosCounter.INPUT_BYTES) * 8))
        .leaf("output-bytes", i.counter(JunosCounter.OUTPUT_BYTES))
        .leaf("output-bps", Math.round(i.rate(JunosCounter.OUTPUT_BYTES) * 8))
        .leaf("input-packets", i.counter(JunosCounter.INPUT_PACKETS))
        .leaf("input-pps", Math.round(i.rate(JunosCounter.INPUT_PACKETS)))
        .leaf("output-packets", i.counter(JunosCounter.OUTPUT_PACKETS))
        .leaf("output-pps", Math.round(i.rate(JunosCounter.OUTPUT_PACKETS)));
    if (detail == Detail.EXTENSIVE) {
      // Junos nests IPv6 transit counters with the same element names: a trap for naive parsers.
      xml.open("ipv6-transit-statistics")
          .leaf("input-bytes", 0).leaf("output-bytes", 0).leaf("input-packets", 0).leaf("output-packets", 0)
          .close("ipv6-transit-statistics");
    }
    xml.close("traffic-statistics");

    xml.open("input-error-list")
        .leaf("input-errors", i.counter(JunosCounter.INPUT_ERRORS))
        .leaf("input-drops", i.counter(JunosCounter.INPUT_DROPS))
        .leaf("framing-errors", i.counter(JunosCounter.FRAMING_ERRORS))
        .leaf("input-runts", 0)
        .leaf("input-discards", i.counter(JunosCounter.INPUT_DISCARDS))
        .leaf("input-l3-incompletes", 0)
        .leaf("input-l2-channel-errors", 0)
        .leaf("input-l2-mismatch-timeouts", 0)
        .leaf("input-fifo-errors", 0)
        .leaf("input-resource-errors", 0)
        .close("input-error-list");
    xml.open("output-error-list")
        .leaf("carrier-transitions", i.carrierTransitions())
        .leaf("output-errors", i.counter(JunosCounter.OUTPUT_ERRORS))
        .leaf("output-collisions", 0)
        .leaf("output-drops", i.counter(JunosCounter.OUTPUT_DROPS))
        .leaf("aged-packets", 0)
        .leaf("mtu-errors", 0)
        .leaf("hs-link-crc-errors", 0)
        .leaf("output-fifo-errors", 0)
        .leaf("output-resource-errors", 0)
        .close("output-error-list");

    if (detail == Detail.EXTENSIVE) {
      // MAC-level counts include Ethernet framing, so they differ from the traffic statistics.
      long inPackets = i.counter(JunosCounter.INPUT_PACKETS);
      long outPackets = i.counter(JunosCounter.OUTPUT_PACKETS);
      xml.open("ethernet-mac-statistics", "junos:style", "verbose")
          .leaf("input-bytes", i.counter(JunosCounter.INPUT_BYTES) + 18 * inPackets)
          .leaf("output-bytes", i.counter(JunosCounter.OUTPUT_BYTES) + 18 * outPackets)
          .leaf("input-packets", inPackets)
          .leaf("output-packets", outPackets)
          .leaf("input-unicasts", inPackets)
          .leaf("output-unicasts", outPackets)
          .leaf("input-broadcasts", 0).leaf("output-broadcasts", 0)
          .leaf("input-multicasts", 0).leaf("output-multicasts", 0)
          .leaf("input-crc-errors", i.counter(JunosCounter.FRAMING_ERRORS))
          .leaf("output-crc-errors", 0)
          .close("ethernet-mac-statistics");
    }

    // The logical unit has its own, smaller packet counters.
    xml.open("logical-interface")
        .leaf("name", i.name() + ".0")
        .leaf("local-index", i.localIndex() + 200)
        .leaf("snmp-index", i.snmpIndex() + 1000)
        .open("if-config-flags").empty("iff-up").empty("iff-snmp-traps").close("if-config-flags")
        .leaf("encapsulation", "ENET2")
        .open("traffic-statistics", "junos:style", "brief")
        .leaf("input-packets", i.counter(JunosCounter.INPUT_PACKETS) / 100 * 97)
        .leaf("output-packets", i.counter(JunosCounter.OUTPUT_PACKETS) / 100 * 97)
        .close("traffic-statistics")
        .open("address-family").leaf("address-family-name", "inet").leaf("mtu", 1500).close("address-family")
        .close("logical-interface");
    xml.close("physical-interface");
  }

  static String routeEngineInformation(DeviceSnapshot device) {
    // Gauges drift every 10 s around per-device levels, reproducibly.
    long bucket = device.nowEpochMillis() / 10_000;
    SplittableRandom level = new SplittableRandom(device.seed() * 7919L);
    SplittableRandom wobble = new SplittableRandom(device.seed() * 7919L + bucket * 104_729L);
    int cpuUser = 2 + level.nextInt(10) + wobble.nextInt(4);
    int cpuBackground = wobble.nextInt(2);
    int cpuSystem = 2 + level.nextInt(6) + wobble.nextInt(3);
    int cpuInterrupt = wobble.nextInt(3);
    int cpuIdle = 100 - cpuUser - cpuBackground - cpuSystem - cpuInterrupt;
    int memory = 20 + level.nextInt(40) + wobble.nextInt(3);
    int celsius = 36 + level.nextInt(12) + wobble.nextInt(2);
    int cpuCelsius = celsius + 6 + wobble.nextInt(3);
    double load = (cpuUser + cpuSystem) / 40.0;

    long bootSeconds = device.bootEpochSeconds();
    return new JunosXmlWriter(2048)
        .open("route-engine-information", "xmlns", CHASSIS_NS)
        .open("route-engine")
        .leaf("slot", 0)
        .leaf("mastership-state", "master")
        .leaf("mastership-priority", "master (default)")
        .leaf("status", "OK")
        .leaf("temperature", "junos:celsius", Integer.toString(celsius), degrees(celsius))
        .leaf("cpu-temperature", "junos:celsius", Integer.toString(cpuCelsius), degrees(cpuCelsius))
        .leaf("memory-dram-size", "16384 MB")
        .leaf("memory-installed-size", "(16384 MB installed)")
        .leaf("memory-buffer-utilization", memory)
        .leaf("cpu-user", cpuUser)
        .leaf("cpu-background", cpuBackground)
        .leaf("cpu-system", cpuSystem)
        .leaf("cpu-interrupt", cpuInterrupt)
        .leaf("cpu-idle", cpuIdle)
        .leaf("model", "RE-S-1800x4")
        .leaf("serial-number", String.format("9009%06d", device.seed()))
        .leaf("start-time", "junos:seconds", Long.toString(bootSeconds), JUNOS_TIME.format(Instant.ofEpochSecond(bootSeconds)))
        .leaf("up-time", "junos:seconds", Long.toString(device.uptimeSeconds()), uptimeText(device.uptimeSeconds()))
        .leaf("last-reboot-reason", "Router rebooted after a normal shutdown.")
        .leaf("load-average-one", String.format(Locale.ROOT, "%.2f", load + wobble.nextDouble() * 0.1))
        .leaf("load-average-five", String.format(Locale.ROOT, "%.2f", load))
        .leaf("load-average-fifteen", String.format(Locale.ROOT, "%.2f", load * 0.9))
        .close("route-engine")
        .close("route-engine-information")
        .toString();
  }

  private static String degrees(int celsius) {
    return celsius + " degrees C / " + Math.round(celsius * 9 / 5.0 + 32) + " degrees F";
  }

  /** Junos style: "165 days, 6 hours, 35 minutes, 48 seconds". */
  static String uptimeText(long seconds) {
    long days = seconds / 86400;
    long hours = seconds / 3600 % 24;
    long minutes = seconds / 60 % 60;
    long secs = seconds % 60;
    StringBuilder text = new StringBuilder();
    if (days > 0) {
      text.append(days).append(days == 1 ? " day, " : " days, ");
    }
    if (days > 0 || hours > 0) {
      text.append(hours).append(hours == 1 ? " hour, " : " hours, ");
    }
    return text.append(minutes).append(minutes == 1 ? " minute, " : " minutes, ")
        .append(secs).append(secs == 1 ? " second" : " seconds").toString();
  }

  private static String flappedText(long epochSeconds, long agoSeconds) {
    long weeks = agoSeconds / 604_800;
    long days = agoSeconds / 86_400 % 7;
    String ago = weeks > 0
        ? String.format("%dw%dd %02d:%02d", weeks, days, agoSeconds / 3600 % 24, agoSeconds / 60 % 60)
        : days > 0
            ? String.format("%dd %02d:%02d", days, agoSeconds / 3600 % 24, agoSeconds / 60 % 60)
            : String.format("%02d:%02d:%02d", agoSeconds / 3600, agoSeconds / 60 % 60, agoSeconds % 60);
    return JUNOS_TIME.format(Instant.ofEpochSecond(epochSeconds)) + " (" + ago + " ago)";
  }
}
