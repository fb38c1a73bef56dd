package io.telemetry.collect.netconf;

import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A {@code <hello>} message (RFC 6241 section 8.1): the capabilities a peer advertises and, from a
 * server, the session id.
 */
public record NetconfHello(Set<String> capabilities, OptionalLong sessionId) {

  public NetconfHello {
    capabilities = Set.copyOf(capabilities);
  }

  /** True when the peer advertises base:1.1, i.e. chunked framing after the hello exchange. */
  public boolean supportsBase11() {
    return capabilities.contains(NetconfXml.CAPABILITY_BASE_1_1);
  }

  public boolean supportsBase10() {
    return capabilities.contains(NetconfXml.CAPABILITY_BASE_1_0);
  }

  /** Our hello: base:1.0 and base:1.1, no session id (clients never send one). */
  public static String clientHello() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<hello xmlns=\"" + NetconfXml.BASE_NAMESPACE + "\"><capabilities>"
        + "<capability>" + NetconfXml.CAPABILITY_BASE_1_0 + "</capability>"
        + "<capability>" + NetconfXml.CAPABILITY_BASE_1_1 + "</capability>"
        + "</capabilities></hello>";
  }

  /**
   * Parses a hello. Comments before the root (Junos sends some) are fine; the root must be
   * {@code hello} (any namespace: older Junos omits it).
   *
   * @throws XMLStreamException when the text is not well-formed XML
   * @throws IllegalArgumentException when it is XML but not a usable hello
   */
  public static NetconfHello parse(String xml) throws XMLStreamException {
    XMLStreamReader reader = NetconfXml.reader(xml);
    try {
      while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
        // skip prolog: declaration, comments, whitespace
      }
      if (!reader.isStartElement() || !"hello".equals(reader.getLocalName())) {
        throw new IllegalArgumentException("expected a <hello> message, got "
            + (reader.isStartElement() ? "<" + reader.getLocalName() + ">" : "no element"));
      }
      Set<String> capabilities = new LinkedHashSet<>();
      OptionalLong sessionId = OptionalLong.empty();
      while (reader.hasNext()) {
        int event = reader.next();
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        switch (reader.getLocalName()) {
          case "capability" -> capabilities.add(reader.getElementText().trim());
          case "session-id" -> {
            String text = reader.getElementText().trim();
            try {
              sessionId = OptionalLong.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("hello has a non-numeric session-id '" + text + "'");
            }
          }
          default -> { }
        }
      }
      if (capabilities.isEmpty()) {
        throw new IllegalArgumentException("hello advertises no capabilities");
      }
      return new NetconfHello(capabilities, sessionId);
    } finally {
      reader.close();
    }
  }
}
