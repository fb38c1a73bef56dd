package io.telemetry.collect.cli;

import io.telemetry.collect.junos.JunosParseException;
import io.telemetry.collect.netconf.NetconfXml;
import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a Junos CLI {@code | display xml} document: finds its payload elements (children of
 * {@code <rpc-reply>}, also inside {@code multi-routing-engine-results}), hands each to its
 * parser, and reports {@code <xnm:error>} / {@code <rpc-error>} elements as the device's error.
 */
final class JunosCliXml {

  /** The outcome: samples and uptime, or the device's own error messages. */
  record Result(List<Sample> samples, OptionalLong deviceUptimeSeconds, List<String> deviceErrors) {}

  /** Elements that wrap payloads. */
  private static final Set<String> CONTAINERS =
      Set.of("rpc-reply", "multi-routing-engine-results", "multi-routing-engine-item");
  /** Elements beside payloads that carry no data: the member name, the CLI banner, warnings. */
  private static final Set<String> BESIDE = Set.of("re-name", "cli", "warning");
  /** Elements that carry the device's error message. */
  private static final Set<String> ERRORS = Set.of("error", "rpc-error");

  private JunosCliXml() {}

  static Result parse(String device, Instant time, String xml) throws CliParseException {
    if (xml == null || xml.isBlank()) {
      throw new CliParseException("empty output");
    }
    Structure structure = scan(xml);
    if (!structure.errors.isEmpty()) {
      return new Result(List.of(), OptionalLong.empty(), structure.errors);
    }
    List<Sample> samples = new ArrayList<>();
    OptionalLong uptime = OptionalLong.empty();
    boolean parsed = false;
    for (String payload : structure.payloads) {
      var parser = JunosPayloadParsers.forElement(payload);
      if (parser.isEmpty()) {
        continue;
      }
      try {
        JunosPayloadParsers.Parsed result = parser.get().parse(device, time, xml);
        samples.addAll(result.samples());
        if (uptime.isEmpty()) {
          uptime = result.deviceUptimeSeconds();
        }
        parsed = true;
      } catch (JunosParseException e) {
        throw new CliParseException("<" + payload + ">: " + e.getMessage(), e);
      }
    }
    if (!parsed) {
      throw new CliParseException(structure.payloads.isEmpty()
          ? "the document holds no payload (root <" + structure.root + ">)"
          : "the document holds " + structure.payloads + ", which the cli collector does not read; it reads "
              + JunosPayloadParsers.known());
    }
    return new Result(samples, uptime, List.of());
  }

  private static final class Structure {
    String root = "";
    final Set<String> payloads = new LinkedHashSet<>();
    final List<String> errors = new ArrayList<>();
  }

  /** Walks the document once: payload element names and error messages. */
  private static Structure scan(String xml) throws CliParseException {
    Structure structure = new Structure();
    XMLStreamReader reader = null;
    try {
      reader = NetconfXml.reader(xml);
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT) {
          structure.root = reader.getLocalName();
          element(reader, structure);
        }
      }
    } catch (XMLStreamException e) {
      var at = e.getLocation();
      throw new CliParseException("not well-formed XML" + (at == null ? "" : " at line " + at.getLineNumber()
          + ", column " + at.getColumnNumber()) + ": " + e.getMessage(), e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing held
        }
      }
    }
    return structure;
  }

  /** At a start tag: sorts the element and consumes it up to its end tag. */
  private static void element(XMLStreamReader reader, Structure structure) throws XMLStreamException {
    String name = reader.getLocalName();
    if (CONTAINERS.contains(name)) {
      while (reader.next() != XMLStreamConstants.END_ELEMENT) {
        // Children are consumed whole by the recursion, so the first end tag here is the container's.
        if (reader.isStartElement()) {
          element(reader, structure);
        }
      }
    } else if (ERRORS.contains(name)) {
      structure.errors.add(errorText(reader));
    } else {
      if (!BESIDE.contains(name)) {
        structure.payloads.add(name);
      }
      skip(reader);
    }
  }

  /** Consumes the current element, children included, up to its end tag. */
  private static void skip(XMLStreamReader reader) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  /** The text of an error element's {@code message} / {@code error-message}, else all its text. */
  private static String errorText(XMLStreamReader reader) throws XMLStreamException {
    List<String> message = new ArrayList<>();
    List<String> all = new ArrayList<>();
    int depth = 1;
    boolean inMessage = false;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        inMessage = reader.getLocalName().equals("message") || reader.getLocalName().equals("error-message");
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        inMessage = false;
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        String text = reader.getText().strip();
        if (!text.isEmpty()) {
          all.add(text);
          if (inMessage) {
            message.add(text);
          }
        }
      }
    }
    String text = String.join(" ", message.isEmpty() ? all : message);
    return text.isEmpty() ? "(no message)" : CliOutputCheck.shorten(text);
  }
}
