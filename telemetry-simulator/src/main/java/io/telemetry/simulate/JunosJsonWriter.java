package io.telemetry.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetry.collect.netconf.NetconfXml;
import java.io.UncheckedIOException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Renders a Junos XML payload the way {@code | display json} does: every element becomes a key
 * whose value is an array with one object per occurrence (same-named siblings share the array);
 * an object holds the text as {@code "data"}, the attributes (namespace declarations included) as
 * {@code "attributes"}, and the child elements as further keys; an empty element is {@code [null]}.
 * Text is trimmed (the simulator's XML wraps it in newlines, the CLI's JSON does not).
 */
final class JunosJsonWriter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JunosJsonWriter() {}

  /** {@code payloadXml} holds one or more payload elements (no {@code rpc-reply} around them). */
  static String toJson(String payloadXml) {
    ObjectNode top = NODES.objectNode();
    try {
      // The junos prefix is declared on the rpc-reply around the payload, which JSON leaves out.
      XMLStreamReader reader = NetconfXml.reader("<payloads xmlns:junos=\"" + JunosReplies.JUNOS_NS + "\">"
          + payloadXml + "</payloads>");
      reader.nextTag(); // <payloads>
      while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
        add(top, reader);
      }
      reader.close();
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(top) + "\n";
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the simulator rendered XML it cannot read back: " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** At a start tag: adds the element under {@code parent} and consumes it up to its end tag. */
  private static void add(ObjectNode parent, XMLStreamReader reader) throws XMLStreamException {
    String name = qualified(reader.getPrefix(), reader.getLocalName());
    ObjectNode attributes = NODES.objectNode();
    for (int i = 0; i < reader.getNamespaceCount(); i++) {
      String prefix = reader.getNamespacePrefix(i);
      attributes.put(prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix, reader.getNamespaceURI(i));
    }
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      attributes.put(qualified(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)),
          reader.getAttributeValue(i));
    }
    ObjectNode element = NODES.objectNode();
    StringBuilder text = new StringBuilder();
    ObjectNode children = NODES.objectNode();
    while (true) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        add(children, reader);
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        text.append(reader.getText());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        break;
      }
    }
    String data = text.toString().strip();
    if (!data.isEmpty()) {
      element.put("data", data);
    }
    if (!attributes.isEmpty()) {
      element.set("attributes", attributes);
    }
    element.setAll(children);
    ArrayNode occurrences = parent.has(name) ? (ArrayNode) parent.get(name) : parent.putArray(name);
    occurrences.add(element.isEmpty() ? NODES.nullNode() : (JsonNode) element);
  }

  private static String qualified(String prefix, String local) {
    return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
  }
}
