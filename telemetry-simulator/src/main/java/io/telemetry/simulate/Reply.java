package io.telemetry.simulate;

/** A reply to send, and whether the session ends after it (close-session). */
record Reply(String xml, boolean closeAfter) {}
