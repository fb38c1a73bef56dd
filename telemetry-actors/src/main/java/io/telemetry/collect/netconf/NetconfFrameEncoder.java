package io.telemetry.collect.netconf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Frames whole NETCONF messages for the wire in either framing (RFC 6242 section 4). */
public final class NetconfFrameEncoder {

  /** Chunk size used when none is given: large enough that headers cost nothing. */
  public static final int DEFAULT_CHUNK_SIZE = 16 * 1024;

  static final byte[] END_OF_MESSAGE = "]]>]]>".getBytes(StandardCharsets.US_ASCII);

  private NetconfFrameEncoder() {}

  /** Encodes {@code message} (UTF-8) in {@code framing}, chunks of at most {@link #DEFAULT_CHUNK_SIZE}. */
  public static byte[] encode(String message, NetconfFraming framing) {
    return encode(message.getBytes(StandardCharsets.UTF_8), framing, DEFAULT_CHUNK_SIZE);
  }

  /**
   * Encodes one message.
   *
   * @param maxChunkSize largest chunk for {@link NetconfFraming#CHUNKED}; ignored otherwise
   * @throws IllegalArgumentException when the message cannot be framed: empty in chunked framing
   *     (a chunk holds at least one byte), or containing {@code ]]>]]>} in end-of-message framing
   */
  public static byte[] encode(byte[] message, NetconfFraming framing, int maxChunkSize) {
    Objects.requireNonNull(message, "message");
    return switch (framing) {
      case END_OF_MESSAGE -> endOfMessage(message);
      case CHUNKED -> chunked(message, maxChunkSize);
    };
  }

  private static byte[] endOfMessage(byte[] message) {
    if (indexOf(message, END_OF_MESSAGE) >= 0) {
      throw new IllegalArgumentException(
          "message contains the end-of-message delimiter ]]>]]> and cannot be sent with base:1.0 framing");
    }
    byte[] framed = new byte[message.length + END_OF_MESSAGE.length];
    System.arraycopy(message, 0, framed, 0, message.length);
    System.arraycopy(END_OF_MESSAGE, 0, framed, message.length, END_OF_MESSAGE.length);
    return framed;
  }

  private static byte[] chunked(byte[] message, int maxChunkSize) {
    if (message.length == 0) {
      throw new IllegalArgumentException("an empty message cannot be sent with chunked framing");
    }
    if (maxChunkSize < 1) {
      throw new IllegalArgumentException("maxChunkSize must be at least 1, was " + maxChunkSize);
    }
    int chunks = (message.length + maxChunkSize - 1) / maxChunkSize;
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + chunks * 14 + 4);
    for (int offset = 0; offset < message.length; offset += maxChunkSize) {
      int length = Math.min(maxChunkSize, message.length - offset);
      out.writeBytes(("\n#" + length + "\n").getBytes(StandardCharsets.US_ASCII));
      out.write(message, offset, length);
    }
    out.writeBytes("\n##\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
