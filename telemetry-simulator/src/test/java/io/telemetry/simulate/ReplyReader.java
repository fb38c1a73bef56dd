package io.telemetry.simulate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads simulator replies in the tests with the JDK's DOM parser, independently of the simulator
 * code: the way a collector would, trimming Junos' newline-wrapped text.
 */
final class ReplyReader {

  static final String NETCONF_NS = "urn:ietf:params:xml:ns:netconf:base:1.0";

  private final Document document;

  ReplyReader(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  Element root() {
    return document.getDocumentElement();
  }

  /** The first child element of the rpc-reply (the payload). */
  Element payload() {
    return children(root()).get(0);
  }

  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  static List<Element> children(Element parent, String localName) {
    return children(parent).stream().filter(e -> localName.equals(e.getLocalName())).toList();
  }

  static Element child(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    if (found.isEmpty()) {
      throw new AssertionError("<" + parent.getLocalName() + "> has no <" + localName + ">");
    }
    return found.get(0);
  }

  static String text(Element parent, String localName) {
    return child(parent, localName).getTextContent().trim();
  }

  /** Physical interfaces by name. */
  Map<String, Element> physicalInterfaces() {
    Map<String, Element> out = new HashMap<>();
    for (Element e : children(payload(), "physical-interface")) {
      out.put(text(e, "name"), e);
    }
    return out;
  }

  /** The counters of one physical interface under the vendor-neutral names. */
  static Map<String, Long> neutralCounters(Element physicalInterface) {
    Element traffic = child(physicalInterface, "traffic-statistics");
    Element in = child(physicalInterface, "input-error-list");
    Element out = child(physicalInterface, "output-error-list");
    Map<String, Long> counters = new HashMap<>();
    counters.put("in_octets", Long.parseLong(text(traffic, "input-bytes")));
    counters.put("out_octets", Long.parseLong(text(traffic, "output-bytes")));
    counters.put("in_packets", Long.parseLong(text(traffic, "input-packets")));
    counters.put("out_packets", Long.parseLong(text(traffic, "output-packets")));
    counters.put("in_errors", Long.parseLong(text(in, "input-errors")));
    counters.put("in_discards", Long.parseLong(text(in, "input-discards")));
    counters.put("out_errors", Long.parseLong(text(out, "output-errors")));
    counters.put("out_discards", Long.parseLong(text(out, "output-drops")));
    return counters;
  }
}
