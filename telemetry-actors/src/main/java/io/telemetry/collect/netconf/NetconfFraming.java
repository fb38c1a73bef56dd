package io.telemetry.collect.netconf;

/** How NETCONF messages are delimited on the transport (RFC 6242 section 4). */
public enum NetconfFraming {
  /** base:1.0: each message ends with {@code ]]>]]>}. Used for the hello exchange. */
  END_OF_MESSAGE,
  /** base:1.1: each message is a series of {@code \n#<len>\n} chunks ended by {@code \n##\n}. */
  CHUNKED
}
