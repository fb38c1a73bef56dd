package io.telemetry.inventory.discover;

import io.telemetry.collect.CollectException;

/** A probe that could not classify a device; the message names the device, the probe and the request. */
public class DiscoveryException extends Exception {

  private final String device;

  public DiscoveryException(String device, String probe, String message, Throwable cause) {
    super("device " + device + ": discovery probe " + probe + ": " + message, cause);
    this.device = device;
  }

  /** Wraps a transport error, which already names the device, without naming it twice. */
  static DiscoveryException of(String probe, CollectException e) {
    String prefix = "device " + e.device() + ": ";
    String message = String.valueOf(e.getMessage());
    return new DiscoveryException(e.device(), probe,
        message.startsWith(prefix) ? message.substring(prefix.length()) : message, e);
  }

  public String device() {
    return device;
  }
}
