package io.telemetry.collect.junos;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads Junos XML with the JDK's namespace-aware DOM parser, external entities and DTDs disabled.
 * Elements and attributes are matched by local name so that any Junos release namespace
 * ({@code http://xml.juniper.net/junos/<release>/junos-interface}) and both prefixed
 * ({@code junos:seconds}) and bare ({@code seconds}) attributes work. Text is trimmed because Junos
 * wraps many values in newlines.
 */
final class JunosXml {

  /** One payload of a reply; {@code reName} is set for items of a multi-routing-engine reply. */
  record Body(Optional<String> reName, Element element) {}

  // DocumentBuilder is not thread-safe; collectors run on a shared blocking-I/O pool.
  private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(JunosXml::newBuilder);

  private static final ErrorHandler THROWING = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {
      // Warnings do not make a reply unreadable.
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };

  private JunosXml() {}

  static Document parse(String xml) throws JunosParseException {
    if (xml == null || xml.isBlank()) {
      throw new JunosParseException("empty reply");
    }
    DocumentBuilder builder = BUILDERS.get();
    builder.reset();
    builder.setErrorHandler(THROWING); // the default handler prints to stderr
    try {
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXParseException e) {
      throw new JunosParseException("not well-formed XML at line " + e.getLineNumber() + ", column "
          + e.getColumnNumber() + ": " + e.getMessage(), e);
    } catch (SAXException | IOException e) {
      throw new JunosParseException("unreadable XML: " + e.getMessage(), e);
    }
  }

  /**
   * Finds the {@code expected} payload elements of a reply: the document itself (napalm-style bare
   * payload), a child of {@code <rpc-reply>}, or one per {@code <multi-routing-engine-item>}
   * (virtual chassis, multi-RE and cluster replies), with or without the {@code <rpc-reply>}.
   */
  static List<Body> bodies(Document document, String expected) throws JunosParseException {
    Element root = document.getDocumentElement();
    List<Body> bodies = new ArrayList<>();
    if (expected.equals(localName(root))) {
      bodies.add(new Body(Optional.empty(), root));
    } else if ("multi-routing-engine-results".equals(localName(root))) {
      addMultiRe(root, expected, bodies);
    } else if ("rpc-reply".equals(localName(root))) {
      for (Element child : childElements(root)) {
        if (expected.equals(localName(child))) {
          bodies.add(new Body(Optional.empty(), child));
        } else if ("multi-routing-engine-results".equals(localName(child))) {
          addMultiRe(child, expected, bodies);
        }
      }
    }
    if (bodies.isEmpty()) {
      throw new JunosParseException("expected <" + expected + "> but the reply is <" + localName(root)
          + "> with children " + childNames(root));
    }
    return bodies;
  }

  private static void addMultiRe(Element results, String expected, List<Body> bodies) {
    for (Element item : children(results, "multi-routing-engine-item")) {
      Optional<String> reName = childText(item, "re-name");
      for (Element payload : children(item, expected)) {
        bodies.add(new Body(reName, payload));
      }
    }
  }

  /** Direct child elements with this local name, in document order. */
  static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Element child : childElements(parent)) {
      if (localName.equals(localName(child))) {
        found.add(child);
      }
    }
    return found;
  }

  static Optional<Element> child(Element parent, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(localName(e))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Trimmed text of the first direct child with this local name; empty when absent or blank. */
  static Optional<String> childText(Element parent, String localName) {
    return child(parent, localName).map(JunosXml::text).filter(t -> !t.isEmpty());
  }

  /** The element's own text (not its descendants'), trimmed. */
  static String text(Element element) {
    StringBuilder text = new StringBuilder();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(n.getNodeValue());
      }
    }
    return text.toString().strip();
  }

  /** An attribute by local name in any namespace ({@code junos:seconds} or {@code seconds}). */
  static Optional<String> attribute(Element element, String localName) {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attribute = attributes.item(i);
      if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
        continue;
      }
      if (localName.equals(localName(attribute))) {
        String value = attribute.getNodeValue().strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }

  static String localName(Node node) {
    String local = node.getLocalName();
    if (local != null) {
      return local;
    }
    String name = node.getNodeName();
    return name.substring(name.indexOf(':') + 1);
  }

  private static List<Element> childElements(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        elements.add(e);
      }
    }
    return elements;
  }

  private static List<String> childNames(Element parent) {
    return childElements(parent).stream().map(JunosXml::localName).distinct().limit(10).toList();
  }

  private static DocumentBuilder newBuilder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // No DTDs, no external entities, no XInclude: a reply is data, never a fetch instruction.
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setIgnoringComments(true);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser does not support secure processing", e);
    }
  }
}
