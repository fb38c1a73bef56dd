package io.telemetry.collect.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Test-side rendering of Junos XML as Junos JSON ({@code | display json}), written against the
 * JDK's DOM independently of the simulator's writer, so that real captures can be checked in
 * their JSON form too. The {@code rpc-reply} wrapper is left out, as the CLI does.
 */
final class DomToJunosJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DomToJunosJson() {}

  static String convert(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Element root = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    ObjectNode top = JSON.createObjectNode();
    if (root.getLocalName().equals("rpc-reply")) {
      for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element child && !child.getLocalName().equals("cli")) {
          add(top, child);
        }
      }
    } else {
      add(top, root);
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(top);
  }

  private static void add(ObjectNode parent, Element element) {
    ObjectNode object = JSON.createObjectNode();
    StringBuilder text = new StringBuilder();
    ObjectNode children = JSON.createObjectNode();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        add(children, child);
      } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(n.getNodeValue());
      }
    }
    if (!text.toString().isBlank()) {
      object.put("data", text.toString().strip());
    }
    NamedNodeMap attributes = element.getAttributes();
    if (attributes.getLength() > 0) {
      ObjectNode attrs = object.putObject("attributes");
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr a = (Attr) attributes.item(i);
        attrs.put(a.getName(), a.getValue());
      }
    }
    object.setAll(children);
    ArrayNode occurrences = parent.has(element.getNodeName())
        ? (ArrayNode) parent.get(element.getNodeName()) : parent.putArray(element.getNodeName());
    occurrences.add(object.isEmpty() ? JSON.nullNode() : (JsonNode) object);
  }
}
