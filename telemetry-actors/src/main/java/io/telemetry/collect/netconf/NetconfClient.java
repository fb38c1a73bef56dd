package io.telemetry.collect.netconf;

import io.telemetry.collect.CollectException;
import java.time.Duration;

/**
 * An open NETCONF session (RFC 6241) with one device: hello done, framing negotiated.
 * Blocking; used from the blocking-I/O dispatcher only, one request at a time.
 */
public interface NetconfClient extends AutoCloseable {

  /**
   * Sends {@code <rpc>} wrapping {@code operationXml} (e.g. {@code <get-interface-information/>})
   * and returns the whole {@code <rpc-reply>} document. An {@code <rpc-error>} of severity error
   * becomes a {@link CollectException} of kind RPC_ERROR naming the device and the operation.
   */
  String rpc(String operationXml, Duration timeout) throws CollectException;

  /** Sends close-session when possible and closes the channel; never throws. */
  @Override
  void close();
}
