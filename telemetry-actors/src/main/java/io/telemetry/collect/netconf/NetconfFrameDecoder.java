package io.telemetry.collect.netconf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Incremental NETCONF message decoder (RFC 6242 section 4): bytes go in as the transport delivers
 * them, split anywhere; complete messages (UTF-8 text) come out.
 *
 * <p>Starts in end-of-message framing ({@code ]]>]]>}), as every session does for the hello;
 * {@link #useChunkedFraming()} switches to chunked framing. The switch may happen from inside the
 * message callback of {@link #feed(byte[], int, int, Consumer)}: the bytes that follow the hello in
 * the same read are then already decoded as chunks.
 *
 * <p>Memory is bounded by the maximum message size: a message (or a declared chunk) that would
 * exceed it is rejected before it is buffered. After any {@link NetconfFramingException} the
 * decoder stays failed, because the stream cannot be resynchronised.
 *
 * <p>Not thread-safe: one decoder per session, fed by one thread at a time.
 */
public final class NetconfFrameDecoder {

  public static final long DEFAULT_MAX_MESSAGE_BYTES = 64L * 1024 * 1024;
  /** Largest chunk size RFC 6242 allows (chunk-size is at most 4294967295). */
  public static final long MAX_CHUNK_SIZE = 4_294_967_295L;

  private static final byte[] EOM = NetconfFrameEncoder.END_OF_MESSAGE;
  /** KMP failure function of {@code ]]>]]>}: longest proper prefix that is also a suffix. */
  private static final int[] EOM_FALLBACK = {0, 1, 0, 1, 2, 3};
  /** Buffers that grew past this are dropped after each message so idle sessions stay small. */
  private static final int RETAINED_BUFFER_BYTES = 64 * 1024;
  private static final int INITIAL_BUFFER_BYTES = 4 * 1024;

  /** Chunked framing states; each names what the next byte must be. */
  private enum ChunkState {
    /** Before a message: optional whitespace, then the newline of the first chunk header. */
    MESSAGE_START,
    /** After chunk data: the newline starting the next header or the end-of-chunks marker. */
    HEADER_NEWLINE,
    /** After {@code \n}: {@code #}. */
    HEADER_HASH,
    /** After {@code \n#}: a digit 1-9 (chunk size) or {@code #} (end of chunks). */
    SIZE_OR_END,
    /** Inside the chunk size: digits or the closing newline. */
    SIZE,
    /** Inside chunk data. */
    DATA,
    /** After {@code \n##}: the final newline. */
    END_NEWLINE
  }

  private final long maxMessageBytes;
  private NetconfFraming framing = NetconfFraming.END_OF_MESSAGE;
  private boolean failed;
  private long streamOffset;

  private byte[] buffer = new byte[INITIAL_BUFFER_BYTES];
  private int size;

  // End-of-message framing: how many bytes of ]]>]]> the stream has matched so far.
  private int eomMatched;

  // Chunked framing.
  private ChunkState chunkState = ChunkState.MESSAGE_START;
  private boolean sawStartNewline;
  private boolean messageHasChunk;
  private long chunkSize;
  private long chunkRemaining;

  public NetconfFrameDecoder() {
    this(DEFAULT_MAX_MESSAGE_BYTES);
  }

  public NetconfFrameDecoder(long maxMessageBytes) {
    if (maxMessageBytes < 1 || maxMessageBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "maxMessageBytes must be between 1 and " + (Integer.MAX_VALUE - 16) + ", was " + maxMessageBytes);
    }
    this.maxMessageBytes = maxMessageBytes;
  }

  public NetconfFraming framing() {
    return framing;
  }

  /**
   * Switches to chunked framing for every byte not yet decoded. Allowed only between messages
   * (RFC 6242: after the hello exchange).
   */
  public void useChunkedFraming() {
    if (framing == NetconfFraming.CHUNKED) {
      return;
    }
    if (size != 0 || eomMatched != 0) {
      throw new IllegalStateException("cannot switch to chunked framing in the middle of a message");
    }
    framing = NetconfFraming.CHUNKED;
    chunkState = ChunkState.MESSAGE_START;
  }

  /** Feeds bytes and returns the messages they complete (framing cannot change mid-call). */
  public List<String> feed(byte[] data, int offset, int length) throws NetconfFramingException {
    List<String> messages = new ArrayList<>(1);
    feed(data, offset, length, messages::add);
    return messages;
  }

  /**
   * Feeds bytes; {@code onMessage} is called for each completed message, in order, before the
   * following bytes are decoded (so it may call {@link #useChunkedFraming()}).
   */
  public void feed(byte[] data, int offset, int length, Consumer<String> onMessage)
      throws NetconfFramingException {
    if (failed) {
      throw new NetconfFramingException("the NETCONF stream already failed to decode; the session must be closed");
    }
    int position = offset;
    int end = offset + length;
    try {
      while (position < end) {
        position = framing == NetconfFraming.END_OF_MESSAGE
            ? feedEndOfMessage(data, position, end, onMessage)
            : feedChunked(data, position, end, onMessage);
      }
    } catch (NetconfFramingException e) {
      failed = true;
      buffer = new byte[0];
      size = 0;
      throw e;
    }
  }

  /** Decodes up to and including the first delimiter; returns the next position to decode. */
  private int feedEndOfMessage(byte[] data, int start, int end, Consumer<String> onMessage)
      throws NetconfFramingException {
    for (int i = start; i < end; i++) {
      byte b = data[i];
      while (eomMatched > 0 && b != EOM[eomMatched]) {
        eomMatched = EOM_FALLBACK[eomMatched - 1];
      }
      if (b == EOM[eomMatched]) {
        eomMatched++;
      }
      if (eomMatched == EOM.length) {
        append(data, start, i + 1 - start, EOM.length);
        streamOffset += i + 1 - start;
        eomMatched = 0;
        emit(size - EOM.length, onMessage);
        return i + 1;
      }
    }
    append(data, start, end - start, EOM.length);
    streamOffset += end - start;
    return end;
  }

  /** Decodes one state step (a byte, or a run of chunk data); returns the next position. */
  private int feedChunked(byte[] data, int position, int end, Consumer<String> onMessage)
      throws NetconfFramingException {
    if (chunkState == ChunkState.DATA) {
      int n = (int) Math.min(chunkRemaining, end - position);
      append(data, position, n, 0);
      streamOffset += n;
      chunkRemaining -= n;
      if (chunkRemaining == 0) {
        chunkState = ChunkState.HEADER_NEWLINE;
      }
      return position + n;
    }
    byte b = data[position];
    switch (chunkState) {
      case MESSAGE_START -> {
        // Tolerate whitespace between messages (some devices end a message with a newline);
        // the first chunk header still has to start with a newline.
        if (b == '\n') {
          sawStartNewline = true;
        } else if (b == '#' && sawStartNewline) {
          chunkState = ChunkState.SIZE_OR_END;
        } else if (b != ' ' && b != '\t' && b != '\r') {
          throw malformed(b, "a chunk header (\\n#<size>\\n) at the start of a message");
        }
      }
      case HEADER_NEWLINE -> {
        expect(b, '\n', "the newline that starts the next chunk header or the end-of-chunks marker");
        chunkState = ChunkState.HEADER_HASH;
      }
      case HEADER_HASH -> {
        expect(b, '#', "'#' after the newline of a chunk header");
        chunkState = ChunkState.SIZE_OR_END;
      }
      case SIZE_OR_END -> {
        if (b == '#') {
          if (!messageHasChunk) {
            throw new NetconfFramingException(
                "malformed NETCONF chunked framing at byte " + streamOffset
                    + ": end-of-chunks marker \\n##\\n before any chunk (a message has at least one chunk)");
          }
          chunkState = ChunkState.END_NEWLINE;
        } else if (b == '0') {
          throw new NetconfFramingException("malformed NETCONF chunked framing at byte " + streamOffset
              + ": chunk size starts with 0 (sizes are 1 to " + MAX_CHUNK_SIZE + " without leading zeros)");
        } else if (b >= '1' && b <= '9') {
          chunkSize = b - '0';
          chunkState = ChunkState.SIZE;
        } else {
          throw malformed(b, "a chunk size digit 1-9 or '#' after \\n#");
        }
      }
      case SIZE -> {
        if (b >= '0' && b <= '9') {
          chunkSize = chunkSize * 10 + (b - '0');
          if (chunkSize > MAX_CHUNK_SIZE) {
            throw new NetconfFramingException("malformed NETCONF chunked framing at byte " + streamOffset
                + ": chunk size exceeds the maximum " + MAX_CHUNK_SIZE);
          }
        } else if (b == '\n') {
          if (size + chunkSize > maxMessageBytes) {
            throw tooLarge(size + chunkSize);
          }
          messageHasChunk = true;
          chunkRemaining = chunkSize;
          chunkState = ChunkState.DATA;
        } else {
          throw malformed(b, "a digit or the newline ending the chunk size");
        }
      }
      case END_NEWLINE -> {
        expect(b, '\n', "the newline ending the end-of-chunks marker \\n##\\n");
        chunkState = ChunkState.MESSAGE_START;
        sawStartNewline = false;
        messageHasChunk = false;
        streamOffset++;
        emit(size, onMessage);
        return position + 1;
      }
      default -> throw new IllegalStateException("unexpected state " + chunkState);
    }
    streamOffset++;
    return position + 1;
  }

  private void expect(byte actual, char expected, String what) throws NetconfFramingException {
    if (actual != expected) {
      throw malformed(actual, what);
    }
  }

  private NetconfFramingException malformed(byte actual, String expected) {
    return new NetconfFramingException("malformed NETCONF chunked framing at byte " + streamOffset
        + ": expected " + expected + ", got " + describe(actual));
  }

  private NetconfFramingException tooLarge(long bytes) {
    return new NetconfFramingException("NETCONF message exceeds the maximum size of " + maxMessageBytes
        + " bytes (at least " + bytes + " bytes) at byte " + streamOffset);
  }

  private static String describe(byte b) {
    int v = b & 0xff;
    String printable = v >= 0x21 && v < 0x7f ? "'" + (char) v + "' " : "";
    return printable + String.format("(0x%02x)", v);
  }

  /**
   * Appends to the message buffer. {@code delimiterSlack} allows for a trailing delimiter that is
   * buffered with the message but not part of it.
   */
  private void append(byte[] data, int offset, int length, int delimiterSlack) throws NetconfFramingException {
    if ((long) size + length > maxMessageBytes + delimiterSlack) {
      throw tooLarge((long) size + length - delimiterSlack);
    }
    if (size + length > buffer.length) {
      int capacity = (int) Math.min(Math.max((long) buffer.length * 2, (long) size + length),
          maxMessageBytes + delimiterSlack);
      byte[] grown = new byte[capacity];
      System.arraycopy(buffer, 0, grown, 0, size);
      buffer = grown;
    }
    System.arraycopy(data, offset, buffer, size, length);
    size += length;
  }

  private void emit(int messageLength, Consumer<String> onMessage) {
    String message = new String(buffer, 0, messageLength, StandardCharsets.UTF_8);
    size = 0;
    if (buffer.length > RETAINED_BUFFER_BYTES) {
      buffer = new byte[INITIAL_BUFFER_BYTES];
    }
    onMessage.accept(message);
  }
}
