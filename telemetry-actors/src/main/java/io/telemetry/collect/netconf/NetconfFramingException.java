package io.telemetry.collect.netconf;

import java.io.IOException;

/**
 * The peer's byte stream does not follow NETCONF framing (bad chunk header, oversized message,
 * bytes between chunks). The stream cannot be resynchronised; the session must be closed.
 */
public class NetconfFramingException extends IOException {
  public NetconfFramingException(String message) {
    super(message);
  }
}
