package io.telemetry.collect.junos;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.netconf.NetconfClient;

/**
 * Opens a NETCONF session to one device (SSH connect, authentication, hello). The wiring implements
 * it with the SSH transport; tests implement it with a fake client. Blocking.
 */
@FunctionalInterface
public interface NetconfOpener {

  /** Opens a fresh session; failures name the device and say what failed (CONNECT, AUTH, ...). */
  NetconfClient open() throws CollectException;
}
