package io.telemetry.collect.netconf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What the transport needs to know about an {@code <rpc-reply>}: its message-id and its
 * {@code <rpc-error>}s. Reading it with StAX also proves the whole document is well-formed
 * without building a tree.
 */
public record RpcReply(Optional<String> messageId, List<RpcError> errors) {

  public RpcReply {
    errors = List.copyOf(errors);
  }

  /** One {@code <rpc-error>} (RFC 6241 section 4.3); absent fields are empty strings. */
  public record RpcError(String type, String tag, String severity, String message) {
    public boolean isError() {
      return !"warning".equalsIgnoreCase(severity);
    }

    @Override
    public String toString() {
      return "rpc-error[type=" + type + ", tag=" + tag + ", severity=" + severity
          + (message.isEmpty() ? "" : ", message=" + message) + "]";
    }
  }

  /** The rpc-errors of severity error (warnings do not fail a request). */
  public List<RpcError> failures() {
    return errors.stream().filter(RpcError::isError).toList();
  }

  /**
   * Reads a reply.
   *
   * @throws XMLStreamException when the text is not well-formed XML
   * @throws IllegalArgumentException when the root element is not {@code rpc-reply}
   */
  public static RpcReply parse(String xml) throws XMLStreamException {
    XMLStreamReader reader = NetconfXml.reader(xml);
    try {
      while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
        // skip prolog
      }
      if (!reader.isStartElement()) {
        throw new IllegalArgumentException("the reply has no root element");
      }
      if (!"rpc-reply".equals(reader.getLocalName())) {
        throw new IllegalArgumentException("the reply's root element is <" + reader.getLocalName()
            + ">, not <rpc-reply>");
      }
      Optional<String> messageId = Optional.ofNullable(reader.getAttributeValue(null, "message-id"));
      List<RpcError> errors = new ArrayList<>();
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT && "rpc-error".equals(reader.getLocalName())) {
          errors.add(readError(reader));
        }
      }
      return new RpcReply(messageId, errors);
    } finally {
      reader.close();
    }
  }

  private static RpcError readError(XMLStreamReader reader) throws XMLStreamException {
    String type = "";
    String tag = "";
    String severity = "";
    String message = "";
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (depth == 1) {
          switch (reader.getLocalName()) {
            case "error-type" -> type = reader.getElementText().trim();
            case "error-tag" -> tag = reader.getElementText().trim();
            case "error-severity" -> severity = reader.getElementText().trim();
            case "error-message" -> message = reader.getElementText().trim();
            default -> depth++;
          }
        } else {
          depth++;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    return new RpcError(type, tag, severity, message);
  }
}
