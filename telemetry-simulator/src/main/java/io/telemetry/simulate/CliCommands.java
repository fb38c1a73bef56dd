package io.telemetry.simulate;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the operational CLI commands a simulated device understands on an SSH exec channel,
 * from the same device snapshot and renderers as its NETCONF replies, so both report the same
 * values:
 *
 * <ul>
 *   <li>{@code show interfaces [NAME] extensive | display xml} and {@code | display json}</li>
 *   <li>{@code show chassis routing-engine | display xml} and {@code | display json}</li>
 *   <li>{@code show interfaces statistics brief}: one key-value line per physical interface</li>
 * </ul>
 * Anything else prints {@code error: syntax error ...}, as Junos does (exit status 0).
 */
final class CliCommands {

  private static final Pattern INTERFACES =
      Pattern.compile("show interfaces(?: (?<name>\\S+))? extensive \\| display (?<format>xml|json)");
  private static final Pattern ROUTE_ENGINE = Pattern.compile("show chassis routing-engine \\| display (?<format>xml|json)");
  static final String STATISTICS_BRIEF = "show interfaces statistics brief";
  private static final List<JunosCounter> BRIEF_COUNTERS = List.of(JunosCounter.INPUT_BYTES, JunosCounter.OUTPUT_BYTES,
      JunosCounter.INPUT_PACKETS, JunosCounter.OUTPUT_PACKETS, JunosCounter.INPUT_ERRORS, JunosCounter.OUTPUT_ERRORS,
      JunosCounter.INPUT_DISCARDS, JunosCounter.OUTPUT_DROPS);

  private CliCommands() {}

  static CliReply answer(SimulatedDevice device, String commandLine) {
    String command = commandLine.strip().replaceAll("\\s+", " ");
    Matcher interfaces = INTERFACES.matcher(command);
    if (interfaces.matches()) {
      return interfaces(device.snapshot(), interfaces.group("name"), interfaces.group("format"));
    }
    Matcher routeEngine = ROUTE_ENGINE.matcher(command);
    if (routeEngine.matches()) {
      return render(JunosReplies.routeEngineInformation(device.snapshot()), routeEngine.group("format"));
    }
    if (command.equals(STATISTICS_BRIEF)) {
      return CliReply.output(statisticsBrief(device.snapshot()));
    }
    return CliReply.error("syntax error, expecting <command>: " + command);
  }

  private static CliReply interfaces(DeviceSnapshot snapshot, String name, String format) {
    List<DeviceSnapshot.Interface> selected = JunosReplies.select(snapshot, name);
    if (selected.isEmpty()) {
      String message = "device " + name + " not found";
      return format.equals("xml")
          ? CliReply.output(cliXml("<xnm:error xmlns=\"http://xml.juniper.net/xnm/1.1/xnm\""
              + " xmlns:xnm=\"http://xml.juniper.net/xnm/1.1/xnm\">\n<source-daemon>\nmgd\n</source-daemon>\n"
              + "<message>\n" + message + "\n</message>\n</xnm:error>\n"))
          : CliReply.error(message);
    }
    return render(JunosReplies.interfaceInformation(snapshot, selected, JunosReplies.Detail.EXTENSIVE), format);
  }

  private static CliReply render(String payload, String format) {
    return CliReply.output(format.equals("xml") ? cliXml(payload) : JunosJsonWriter.toJson(payload));
  }

  /** The CLI wraps the payload in an {@code rpc-reply} without the NETCONF namespace and adds its banner. */
  private static String cliXml(String payload) {
    return "<rpc-reply xmlns:junos=\"" + JunosReplies.JUNOS_NS + "\">\n" + payload
        + "<cli>\n<banner></banner>\n</cli>\n</rpc-reply>\n";
  }

  /**
   * {@code interface=ge-0/0/0 oper-status=up speed-bps=1000000000 in-octets=... out-octets=...
   * in-packets=... out-packets=... in-errors=... out-errors=... in-discards=... out-discards=...},
   * with the neutral counter names (in-discards = input-discards, out-discards = output-drops).
   */
  static String statisticsBrief(DeviceSnapshot snapshot) {
    StringBuilder text = new StringBuilder(snapshot.interfaces().size() * 200);
    for (DeviceSnapshot.Interface i : snapshot.interfaces()) {
      text.append("interface=").append(i.name())
          .append(" oper-status=").append(i.operUp() ? "up" : "down")
          .append(" speed-bps=").append(InterfaceState.SPEED_BPS);
      for (JunosCounter c : BRIEF_COUNTERS) {
        text.append(' ').append(c.neutralName.replace('_', '-')).append('=').append(Long.toUnsignedString(i.counter(c)));
      }
      text.append('\n');
    }
    return text.toString();
  }
}
