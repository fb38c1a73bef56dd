package io.telemetry.simulate;

import io.telemetry.collect.netconf.NetconfXml;

/**
 * Writes XML the way Junos does over NETCONF: one element per line, no indentation, and leaf
 * text wrapped in newlines ({@code <name>\nge-0/0/0\n</name>}), so that parsers must trim.
 */
final class JunosXmlWriter {

  private final StringBuilder out;

  JunosXmlWriter(int capacity) {
    out = new StringBuilder(capacity);
  }

  JunosXmlWriter raw(String text) {
    out.append(text);
    return this;
  }

  /** {@code <name attr="value" ...>}; attributes as name/value pairs. */
  JunosXmlWriter open(String name, String... attributes) {
    out.append('<').append(name);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      out.append(' ').append(attributes[i]).append("=\"").append(NetconfXml.escape(attributes[i + 1])).append('"');
    }
    out.append(">\n");
    return this;
  }

  JunosXmlWriter close(String name) {
    out.append("</").append(name).append(">\n");
    return this;
  }

  JunosXmlWriter empty(String name) {
    out.append('<').append(name).append("/>\n");
    return this;
  }

  JunosXmlWriter leaf(String name, String value) {
    out.append('<').append(name).append(">\n").append(NetconfXml.escape(value)).append("\n</").append(name).append(">\n");
    return this;
  }

  JunosXmlWriter leaf(String name, long value) {
    out.append('<').append(name).append(">\n").append(value).append("\n</").append(name).append(">\n");
    return this;
  }

  /** A leaf with one attribute, e.g. {@code <up-time junos:seconds="12">...</up-time>}. */
  JunosXmlWriter leaf(String name, String attribute, String attributeValue, String value) {
    out.append('<').append(name).append(' ').append(attribute).append("=\"").append(NetconfXml.escape(attributeValue))
        .append("\">\n").append(NetconfXml.escape(value)).append("\n</").append(name).append(">\n");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
