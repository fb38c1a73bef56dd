package io.telemetry.collect.junos;

import static io.telemetry.collect.junos.JunosXml.childText;
import static io.telemetry.collect.junos.JunosXml.children;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Reads a {@code get-lldp-neighbors-information} reply ({@code show lldp neighbors}) into the
 * neighbors seen on each local interface. The local interface is {@code lldp-local-port-id}
 * (newer releases) or {@code lldp-local-interface} (older ones), as napalm's
 * {@code get_lldp_neighbors} reads it.
 */
public final class LldpNeighborsParser {

  public static final String RPC = "get-lldp-neighbors-information";

  /**
   * One neighbor: its system name (the chassis id when it sends no name) and the port id it
   * advertises for the link.
   */
  public record Neighbor(String system, String port) {}

  private LldpNeighborsParser() {}

  /** Neighbors by local interface name, in reply order. */
  public static Map<String, List<Neighbor>> parse(String xml) throws JunosParseException {
    Map<String, List<Neighbor>> byInterface = new LinkedHashMap<>();
    for (JunosXml.Body body : JunosXml.bodies(JunosXml.parse(xml), "lldp-neighbors-information")) {
      for (Element item : children(body.element(), "lldp-neighbor-information")) {
        Optional<String> local = childText(item, "lldp-local-port-id").or(() -> childText(item, "lldp-local-interface"));
        if (local.isEmpty()) {
          throw new JunosParseException("an <lldp-neighbor-information> names no local interface");
        }
        String system = childText(item, "lldp-remote-system-name")
            .or(() -> childText(item, "lldp-remote-chassis-id")).orElse("");
        String port = childText(item, "lldp-remote-port-id")
            .or(() -> childText(item, "lldp-remote-port-description")).orElse("");
        byInterface.computeIfAbsent(local.get(), k -> new ArrayList<>()).add(new Neighbor(system, port));
      }
    }
    return byInterface;
  }
}
