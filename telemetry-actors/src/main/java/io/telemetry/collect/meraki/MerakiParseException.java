package io.telemetry.collect.meraki;

/** An API answer that is JSON but not of the documented shape; becomes MALFORMED_REPLY naming the endpoint. */
class MerakiParseException extends Exception {

  MerakiParseException(String message) {
    super(message);
  }
}
