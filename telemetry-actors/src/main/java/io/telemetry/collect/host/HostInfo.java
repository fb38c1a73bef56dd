package io.telemetry.collect.host;

import java.util.Objects;

/**
 * What the inventory knows about an address.
 *
 * @param hostgroup the group of hosts (an Ansible-style group, e.g. {@code payments-api}); {@code ""} when not given
 * @param domain    the host's or service's DNS name (e.g. {@code payments.service.consul}); {@code ""} when not given
 */
public record HostInfo(String hostgroup, String domain) {
  public HostInfo {
    Objects.requireNonNull(hostgroup, "hostgroup");
    Objects.requireNonNull(domain, "domain");
  }
}
