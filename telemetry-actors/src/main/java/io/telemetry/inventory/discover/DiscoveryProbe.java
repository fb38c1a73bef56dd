package io.telemetry.inventory.discover;

import io.telemetry.inventory.Resource;
import java.util.Map;

/**
 * Asks a device what it is before it is polled: vendor, model, OS version and what else is cheap
 * (host name, serial). {@link Discovery} runs probes on the blocking I/O dispatcher and adds what
 * they find to the resource's attributes, where selectors see it.
 */
public interface DiscoveryProbe {

  /** The name resources use to ask for it ({@code discover = snmp}); lower case. */
  String name();

  /**
   * Probes one device. Blocking; bounded by the probe's own I/O timeouts (Discovery adds an outer
   * one).
   *
   * @return attributes found, by selector field name ({@code vendor}, {@code model},
   *     {@code os_version}, ...); never {@code id}, {@code host} or {@code port}
   * @throws DiscoveryException naming the device, the probe and the request that failed
   */
  Map<String, String> probe(Resource resource) throws DiscoveryException;
}
