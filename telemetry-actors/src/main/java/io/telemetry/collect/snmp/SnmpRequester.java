package io.telemetry.collect.snmp;

import io.telemetry.collect.CollectException;
import org.snmp4j.PDU;

/** One device's SNMP session: sends a request to the agent and returns its answer. */
interface SnmpRequester extends AutoCloseable {

  /** The target id, for messages. */
  String device();

  /** An empty request PDU of the right kind for the session's SNMP version. */
  PDU newPdu();

  /**
   * Sends {@code request} (retrying per the settings) and returns the response.
   *
   * @param what names the request in errors, e.g. {@code GETBULK IF-MIB::ifTable}
   * @throws CollectException on a timeout, an authentication report, an error-status in the
   *     response, or a transport failure; the message names the device and {@code what}
   */
  PDU send(PDU request, String what) throws CollectException;

  /** Releases the transport (socket, threads); never throws. */
  @Override
  void close();
}
