package io.telemetry.collect.junos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What {@code <get-software-information/>} ({@code show version}) says about a Junos device:
 * {@code host-name}, {@code product-model} and the release. The release is {@code junos-version}
 * (Junos 15.1 and later), else the bracketed version in the comment of the {@code junos} package
 * ({@code JUNOS Base OS boot [12.3R12.4]}) as on older releases, as py-junos-eznc reads it. In a
 * multi-routing-engine reply (dual RE, virtual chassis, cluster) the first member that names a
 * release speaks for the device, since they run one release in normal operation.
 */
public record SoftwareInformation(Optional<String> hostName, Optional<String> model, Optional<String> version) {

  public static final String RPC = "get-software-information";
  public static final String REQUEST = "<get-software-information/>";

  private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)\\]");

  /** Reads a reply; throws when it is not a software-information document. */
  public static SoftwareInformation parse(String replyXml) throws JunosParseException {
    Document document = JunosXml.parse(replyXml);
    List<SoftwareInformation> members = new ArrayList<>();
    for (JunosXml.Body body : JunosXml.bodies(document, "software-information")) {
      Element info = body.element();
      members.add(new SoftwareInformation(JunosXml.childText(info, "host-name"),
          JunosXml.childText(info, "product-model"), version(info)));
    }
    return members.stream().filter(m -> m.version().isPresent()).findFirst().orElse(members.get(0));
  }

  private static Optional<String> version(Element info) {
    Optional<String> version = JunosXml.childText(info, "junos-version");
    if (version.isPresent()) {
      return version;
    }
    for (Element pkg : JunosXml.children(info, "package-information")) {
      if (JunosXml.childText(pkg, "name").filter("junos"::equals).isPresent()) {
        Optional<String> comment = JunosXml.childText(pkg, "comment");
        if (comment.isPresent()) {
          Matcher m = BRACKETED.matcher(comment.get());
          if (m.find()) {
            return Optional.of(m.group(1).strip());
          }
        }
      }
    }
    return Optional.empty();
  }
}
