package io.telemetry.collect.junos;

import static io.telemetry.collect.junos.JunosXml.childText;
import static io.telemetry.collect.junos.JunosXml.children;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Reads a {@code <get-interface-information><descriptions/></get-interface-information>} reply
 * ({@code show interfaces descriptions}) into the description of each interface that has one.
 * Logical interfaces appear either beside the physical ones (the descriptions style) or nested
 * in them (other styles); both are read.
 */
public final class InterfaceDescriptionsParser {

  public static final String RPC = "get-interface-information";

  private InterfaceDescriptionsParser() {}

  /** Descriptions by interface name; interfaces without a description are absent. */
  public static Map<String, String> parse(String xml) throws JunosParseException {
    Map<String, String> descriptions = new LinkedHashMap<>();
    for (JunosXml.Body body : JunosXml.bodies(JunosXml.parse(xml), "interface-information")) {
      for (Element physical : children(body.element(), "physical-interface")) {
        add(physical, descriptions);
        for (Element logical : children(physical, "logical-interface")) {
          add(logical, descriptions);
        }
      }
      for (Element logical : children(body.element(), "logical-interface")) {
        add(logical, descriptions);
      }
    }
    return descriptions;
  }

  private static void add(Element iface, Map<String, String> descriptions) throws JunosParseException {
    Optional<String> name = childText(iface, "name");
    if (name.isEmpty()) {
      throw new JunosParseException("a <" + JunosXml.localName(iface) + "> has no <name>");
    }
    childText(iface, "description").ifPresent(d -> descriptions.put(name.get(), d));
  }
}
