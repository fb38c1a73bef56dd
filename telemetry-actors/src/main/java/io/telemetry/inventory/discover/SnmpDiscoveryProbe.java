package io.telemetry.inventory.discover;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.collect.snmp.SnmpCollectorFactory;
import io.telemetry.collect.snmp.SnmpSettings;
import io.telemetry.collect.snmp.SnmpSystemInfo;
import io.telemetry.inventory.Credentials;
import io.telemetry.inventory.Resource;
import io.telemetry.inventory.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Classifies a device by its SNMP system group (one GET): {@code vendor} from the enterprise number
 * of {@code sysObjectID}, {@code os}, {@code os_version} and {@code model} from {@code sysDescr}
 * where the vendor's format has them, {@code hostname} from {@code sysName}, and the raw
 * {@code sys_object_id} and {@code sys_descr} (first line) for selectors to match on.
 */
public final class SnmpDiscoveryProbe implements DiscoveryProbe {

  public static final String NAME = "snmp";
  static final int MAX_DESCR = 255;

  /** Reads a device's system group; tests pass canned answers. */
  @FunctionalInterface
  interface SystemReader {
    SnmpSystemInfo read(Target target, SnmpSettings settings) throws CollectException;
  }

  private final SnmpSettings settings;
  private final Duration timeout;
  private final SystemReader reader;

  /** @param timeout bounds the GET with all its retries */
  public SnmpDiscoveryProbe(SnmpSettings settings, Duration timeout) {
    this(settings, timeout, SnmpSystemInfo::read);
  }

  SnmpDiscoveryProbe(SnmpSettings settings, Duration timeout, SystemReader reader) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> probe(Resource resource) throws DiscoveryException {
    SnmpSystemInfo info;
    try {
      info = reader.read(probeTarget(resource), settings);
    } catch (CollectException e) {
      throw DiscoveryException.of(NAME, e);
    }
    return attributes(info);
  }

  /** What the system group tells, by attribute name. */
  static Map<String, String> attributes(SnmpSystemInfo info) {
    Map<String, String> found = new LinkedHashMap<>();
    Optional<String> vendor = info.sysObjectId().flatMap(oid -> {
      found.put("sys_object_id", oid);
      var enterprise = SnmpVendors.enterprise(oid);
      return enterprise.isPresent() ? Optional.of(SnmpVendors.vendor(enterprise.getAsLong())) : Optional.empty();
    });
    vendor.ifPresent(v -> found.put("vendor", v));
    info.sysName().ifPresent(name -> found.put("hostname", name));
    info.sysDescr().ifPresent(descr -> {
      String firstLine = descr.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
      found.put("sys_descr", firstLine.length() > MAX_DESCR ? firstLine.substring(0, MAX_DESCR) : firstLine);
      vendor.ifPresent(v -> found.putAll(SysDescrParser.parse(v, descr)));
    });
    return found;
  }

  /** The resource as the SNMP session wants it: id and host for the socket and messages, the probe's timeout. */
  private Target probeTarget(Resource resource) {
    CollectorSpec spec = CollectorSpec.of(SnmpCollectorFactory.TYPE, Duration.ofMinutes(30));
    return new Target(resource.id(), resource.host(), resource.port().orElse(830),
        new Credentials("", Optional.empty(), Optional.empty()), List.of(spec), timeout, Map.of());
  }
}
