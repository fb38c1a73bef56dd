package io.telemetry.collect.netconf;

import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** NETCONF constants and a StAX factory hardened against DTDs and external entities. */
public final class NetconfXml {

  /** The NETCONF base namespace (both base:1.0 and base:1.1 use it). */
  public static final String BASE_NAMESPACE = "urn:ietf:params:xml:ns:netconf:base:1.0";
  public static final String CAPABILITY_BASE_1_0 = "urn:ietf:params:netconf:base:1.0";
  public static final String CAPABILITY_BASE_1_1 = "urn:ietf:params:netconf:base:1.1";

  private static final XMLInputFactory FACTORY = newFactory();

  private NetconfXml() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /**
   * A namespace-aware reader over {@code xml}. Leading whitespace is skipped because an XML
   * declaration must be the very first thing in a document, and devices may send a newline
   * between messages.
   */
  public static XMLStreamReader reader(String xml) throws XMLStreamException {
    int start = 0;
    while (start < xml.length() && Character.isWhitespace(xml.charAt(start))) {
      start++;
    }
    return FACTORY.createXMLStreamReader(new StringReader(start == 0 ? xml : xml.substring(start)));
  }

  /** Escapes text for use in element content or a double-quoted attribute. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
