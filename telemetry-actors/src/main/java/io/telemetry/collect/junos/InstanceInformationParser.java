package io.telemetry.collect.junos;

import static io.telemetry.collect.junos.JunosXml.childText;
import static io.telemetry.collect.junos.JunosXml.children;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Reads a {@code get-instance-information} reply ({@code show route instance}) into the names of
 * the routing instances a BGP summary is asked for: every instance except Junos' internal ones
 * ({@code __juniper_private1__}, {@code __master.anon__}, ...), as napalm's
 * {@code get_bgp_neighbors} does. {@code master} (the default instance) comes first.
 */
public final class InstanceInformationParser {

  public static final String RPC = "get-instance-information";

  private InstanceInformationParser() {}

  public static List<String> parse(String xml) throws JunosParseException {
    List<String> names = new ArrayList<>();
    for (JunosXml.Body body : JunosXml.bodies(JunosXml.parse(xml), "instance-information")) {
      for (Element instance : children(body.element(), "instance-core")) {
        Optional<String> name = childText(instance, "instance-name");
        if (name.isEmpty()) {
          throw new JunosParseException("an <instance-core> has no <instance-name>");
        }
        if (!name.get().startsWith("__") && !names.contains(name.get())) {
          names.add(name.get());
        }
      }
    }
    if (names.remove("master")) {
      names.add(0, "master");
    }
    return names;
  }
}
