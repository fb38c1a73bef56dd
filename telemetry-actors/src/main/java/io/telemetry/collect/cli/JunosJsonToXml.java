package io.telemetry.collect.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Turns Junos JSON ({@code | display json}) back into the Junos XML it was mapped from, so that
 * the same parsers read both and both give the same samples. Junos maps every element to a key
 * whose value is an array of objects, one per occurrence: {@code "data"} holds the text,
 * {@code "attributes"} the attributes, any other key a child element, and {@code [null]} an empty
 * element:
 *
 * <pre>{@code {"interface-information": [{"attributes": {"xmlns": "..."},
 *     "physical-interface": [{"name": [{"data": "ge-0/0/0"}],
 *         "admin-status": [{"data": "up", "attributes": {"junos:format": "Enabled"}}]}]}]}}</pre>
 *
 * The result is wrapped in {@code <rpc-reply>} with the {@code junos} prefix declared. Parsers
 * match by local name, so other prefixes are dropped.
 */
final class JunosJsonToXml {

  /** The Junos namespace with the release left out; only the local names matter to the parsers. */
  static final String JUNOS_NS = "http://xml.juniper.net/junos/*/junos";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final XMLOutputFactory WRITERS = XMLOutputFactory.newFactory();

  private JunosJsonToXml() {}

  static String convert(String json) throws CliParseException {
    if (json == null || json.isBlank()) {
      throw new CliParseException("empty output");
    }
    StringWriter text = new StringWriter(json.length());
    try {
      XMLStreamWriter xml = WRITERS.createXMLStreamWriter(text);
      xml.writeStartElement("rpc-reply");
      xml.writeNamespace("junos", JUNOS_NS);
      // Several top-level objects (as some multi-member replies print) become siblings.
      try (JsonParser documents = JSON.getFactory().createParser(json)) {
        boolean any = false;
        JsonNode document;
        while ((document = JSON.readTree(documents)) != null) {
          if (!document.isObject()) {
            throw new CliParseException("not Junos JSON: the top level is " + kind(document) + ", not an object");
          }
          children(xml, document, "");
          any = true;
        }
        if (!any) {
          throw new CliParseException("empty output");
        }
      }
      xml.writeEndElement();
      xml.close();
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new CliParseException("not well-formed JSON" + (at == null ? "" : " at line " + at.getLineNr()
          + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
    } catch (IOException | XMLStreamException e) {
      throw new CliParseException("unreadable JSON: " + e.getMessage(), e);
    }
    return text.toString();
  }

  /** Writes every key of {@code object} except data and attributes as child elements. */
  private static void children(XMLStreamWriter xml, JsonNode object, String path)
      throws XMLStreamException, CliParseException {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (name.equals("data") || name.equals("attributes")) {
        continue;
      }
      JsonNode value = field.getValue();
      if (value.isArray()) {
        for (JsonNode occurrence : value) {
          element(xml, name, occurrence, path + "/" + name);
        }
      } else {
        element(xml, name, value, path + "/" + name);
      }
    }
  }

  private static void element(XMLStreamWriter xml, String name, JsonNode node, String path)
      throws XMLStreamException, CliParseException {
    xml.writeStartElement(localName(name));
    if (node == null || node.isNull()) {
      xml.writeEndElement();
      return;
    }
    if (node.isValueNode()) {
      xml.writeCharacters(node.asText());
      xml.writeEndElement();
      return;
    }
    if (!node.isObject()) {
      throw new CliParseException("not Junos JSON: " + path + " holds " + kind(node) + " where an object is expected");
    }
    JsonNode attributes = node.get("attributes");
    if (attributes != null && attributes.isObject()) {
      attributes(xml, attributes);
    }
    JsonNode data = node.get("data");
    if (data != null && !data.isNull()) {
      xml.writeCharacters(data.isValueNode() ? data.asText() : data.toString());
    }
    children(xml, node, path);
    xml.writeEndElement();
  }

  private static void attributes(XMLStreamWriter xml, JsonNode attributes) throws XMLStreamException {
    Iterator<Map.Entry<String, JsonNode>> fields = attributes.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> attribute = fields.next();
      String name = attribute.getKey();
      String value = attribute.getValue().asText();
      if (name.equals("xmlns")) {
        xml.writeDefaultNamespace(value);
      } else if (name.startsWith("xmlns:")) {
        continue; // only the junos prefix is written, and it is declared on the root
      } else if (name.startsWith("junos:")) {
        xml.writeAttribute("junos", JUNOS_NS, name.substring("junos:".length()), value);
      } else {
        xml.writeAttribute(localName(name), value);
      }
    }
  }

  private static String localName(String name) {
    return name.substring(name.indexOf(':') + 1);
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase();
  }
}
