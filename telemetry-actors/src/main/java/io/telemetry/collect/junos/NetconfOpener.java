package io.telemetry.collect.junos;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.DeviceSession;
import io.telemetry.collect.netconf.NetconfClient;
import io.telemetry.collect.netconf.SshNetconfClient;

/**
 * Opens a NETCONF session to one device (hello included) on the device's shared SSH connection.
 * Tests implement it with a fake client. Blocking.
 */
@FunctionalInterface
public interface NetconfOpener {

  /** The real transport: a NETCONF subsystem channel on the device's SSH session. */
  NetconfOpener OVER_SSH = session ->
      SshNetconfClient.open(session.ssh(), session.target().id(), session.target().timeout());

  /** Opens a fresh session; failures name the device and say what failed (CONNECT, AUTH, ...). */
  NetconfClient open(DeviceSession session) throws CollectException;
}
