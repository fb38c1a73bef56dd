package io.telemetry.simulate;

import io.telemetry.collect.netconf.NetconfXml;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A received {@code <rpc>}: its message-id, the operation (first child element) and the
 * operation's option elements by local name with their trimmed text ({@code ""} when empty).
 */
record RpcRequest(String messageId, String operation, Map<String, String> options) {

  /**
   * Parses an rpc.
   *
   * @throws XMLStreamException when the message is not well-formed XML
   * @throws IllegalArgumentException when it is not an {@code <rpc>} with an operation
   */
  static RpcRequest parse(String xml) throws XMLStreamException {
    XMLStreamReader reader = NetconfXml.reader(xml);
    try {
      while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
        // prolog
      }
      if (!reader.isStartElement() || !"rpc".equals(reader.getLocalName())) {
        throw new IllegalArgumentException("expected <rpc>, got "
            + (reader.isStartElement() ? "<" + reader.getLocalName() + ">" : "no element"));
      }
      String messageId = reader.getAttributeValue(null, "message-id");
      String operation = null;
      Map<String, String> options = new LinkedHashMap<>();
      int depth = 1;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 2 && operation == null) {
            operation = reader.getLocalName();
          } else if (depth == 3) {
            String name = reader.getLocalName();
            options.put(name, textOf(reader));
            depth--; // textOf consumed the end element
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
      if (operation == null) {
        throw new IllegalArgumentException("<rpc> holds no operation");
      }
      return new RpcRequest(messageId, operation, options);
    } finally {
      reader.close();
    }
  }

  /** Text of a simple element, or "" for one with child elements (consumed whole). */
  private static String textOf(XMLStreamReader reader) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (depth == 1 && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
        text.append(reader.getText());
      }
    }
    return text.toString().trim();
  }
}
