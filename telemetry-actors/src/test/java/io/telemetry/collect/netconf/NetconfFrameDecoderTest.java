package io.telemetry.collect.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NetconfFrameDecoderTest {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Feeds {@code stream} in pieces cut at {@code cuts} and returns every decoded message. */
  private static List<String> decodeInPieces(NetconfFrameDecoder decoder, byte[] stream, int... cuts)
      throws NetconfFramingException {
    List<String> messages = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      messages.addAll(decoder.feed(stream, from, cut - from));
      from = cut;
    }
    messages.addAll(decoder.feed(stream, from, stream.length - from));
    return messages;
  }

  private static List<String> decodeByteByByte(NetconfFrameDecoder decoder, byte[] stream)
      throws NetconfFramingException {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < stream.length; i++) {
      messages.addAll(decoder.feed(stream, i, 1));
    }
    return messages;
  }

  private static NetconfFrameDecoder chunkedDecoder() {
    NetconfFrameDecoder decoder = new NetconfFrameDecoder();
    decoder.useChunkedFraming();
    return decoder;
  }

  @Nested
  class EndOfMessage {
    private final byte[] twoMessages = ascii("<hello>one</hello>]]>]]><rpc-reply>two</rpc-reply>]]>]]>");
    private final List<String> expected = List.of("<hello>one</hello>", "<rpc-reply>two</rpc-reply>");

    @Test
    void decodesSeveralMessagesFromOneRead() throws Exception {
      assertEquals(expected, new NetconfFrameDecoder().feed(twoMessages, 0, twoMessages.length));
    }

    @Test
    void decodesWhateverTheSplitPoint() throws Exception {
      // Covers every cut inside ]]>]]> as well as inside the text.
      for (int cut = 0; cut <= twoMessages.length; cut++) {
        assertEquals(expected, decodeInPieces(new NetconfFrameDecoder(), twoMessages, cut), "cut at " + cut);
      }
    }

    @Test
    void decodesWhateverTwoSplitPoints() throws Exception {
      for (int a = 0; a <= twoMessages.length; a++) {
        for (int b = a; b <= twoMessages.length; b++) {
          assertEquals(expected, decodeInPieces(new NetconfFrameDecoder(), twoMessages, a, b), "cuts " + a + "," + b);
        }
      }
    }

    @Test
    void decodesOneByteAtATime() throws Exception {
      assertEquals(expected, decodeByteByByte(new NetconfFrameDecoder(), twoMessages));
    }

    @Test
    void findsTheDelimiterAfterAFalseStart() throws Exception {
      // "]]]>]]>" holds the delimiter shifted by one; "]]>]]x" is no delimiter at all.
      byte[] stream = ascii("a]]]>]]>b]]>]]x]]>]]>");
      assertEquals(List.of("a]", "b]]>]]x"), decodeByteByByte(new NetconfFrameDecoder(), stream));
      assertEquals(List.of("a]", "b]]>]]x"), new NetconfFrameDecoder().feed(stream, 0, stream.length));
    }

    @Test
    void keepsAnIncompleteMessageUntilItsDelimiterArrives() throws Exception {
      NetconfFrameDecoder decoder = new NetconfFrameDecoder();
      byte[] first = ascii("<a/>]]>]");
      assertEquals(List.of(), decoder.feed(first, 0, first.length));
      byte[] rest = ascii("]>");
      assertEquals(List.of("<a/>"), decoder.feed(rest, 0, rest.length));
    }

    @Test
    void rejectsAMessageOverTheMaximumSize() throws Exception {
      NetconfFrameDecoder decoder = new NetconfFrameDecoder(10);
      byte[] fits = ascii("0123456789]]>]]>");
      assertEquals(List.of("0123456789"), decoder.feed(fits, 0, fits.length));
      byte[] tooBig = ascii("0123456789A]]>]]>");
      NetconfFramingException e = assertThrows(NetconfFramingException.class, () -> decoder.feed(tooBig, 0, tooBig.length));
      assertTrue(e.getMessage().contains("maximum size of 10 bytes"), e.getMessage());
    }

    @Test
    void rejectsAnEndlessMessageBeforeBufferingIt() throws Exception {
      NetconfFrameDecoder decoder = new NetconfFrameDecoder(1024 * 1024);
      byte[] block = new byte[64 * 1024];
      java.util.Arrays.fill(block, (byte) 'x');
      long fed = 0;
      NetconfFramingException failure = null;
      while (failure == null && fed < 100L * 1024 * 1024) {
        try {
          decoder.feed(block, 0, block.length);
          fed += block.length;
        } catch (NetconfFramingException e) {
          failure = e;
        }
      }
      assertTrue(failure != null, "an endless message must be rejected");
      assertTrue(fed <= 1024 * 1024 + block.length, "rejected only after " + fed + " bytes");
    }
  }

  @Nested
  class Chunked {
    private final byte[] twoMessages = ascii("\n#4\n<rpc\n#8\n-reply/>\n##\n\n#12\n<rpc-reply/>\n##\n");
    private final List<String> expected = List.of("<rpc-reply/>", "<rpc-reply/>");

    @Test
    void decodesMultiChunkMessagesAndSeveralMessagesInOneRead() throws Exception {
      assertEquals(expected, chunkedDecoder().feed(twoMessages, 0, twoMessages.length));
    }

    @Test
    void decodesWhateverTheSplitPoints() throws Exception {
      // Covers cuts inside "\n#12\n", inside "\n##\n" and inside chunk data.
      for (int a = 0; a <= twoMessages.length; a++) {
        for (int b = a; b <= twoMessages.length; b++) {
          assertEquals(expected, decodeInPieces(chunkedDecoder(), twoMessages, a, b), "cuts " + a + "," + b);
        }
      }
    }

    @Test
    void decodesOneByteAtATime() throws Exception {
      assertEquals(expected, decodeByteByByte(chunkedDecoder(), twoMessages));
    }

    @Test
    void decodesMultiDigitSizesAndUtf8SplitAcrossChunks() throws Exception {
      String text = "<name>\u00e9t\u00e9-\u4e2d\u6587</name>".repeat(40);
      byte[] utf8 = ascii(text);
      // 7-byte chunks cut through multi-byte characters; sizes up to 3 digits in the big chunk.
      byte[] framed = concat(NetconfFrameEncoder.encode(utf8, NetconfFraming.CHUNKED, 7),
          NetconfFrameEncoder.encode(utf8, NetconfFraming.CHUNKED, 500));
      assertEquals(List.of(text, text), decodeByteByByte(chunkedDecoder(), framed));
      assertEquals(List.of(text, text), chunkedDecoder().feed(framed, 0, framed.length));
    }

    @Test
    void toleratesWhitespaceBetweenMessages() throws Exception {
      byte[] stream = ascii("\n#3\n<a>\n##\n\r\n \n#3\n<b>\n##\n");
      assertEquals(List.of("<a>", "<b>"), chunkedDecoder().feed(stream, 0, stream.length));
    }

    @Test
    void switchesFramingRightAfterTheHelloEvenInsideOneRead() throws Exception {
      byte[] stream = ascii("<!-- junos --><hello/>]]>]]>\n#10\n<rpc-reply\n#3\n/>\n\n##\n");
      NetconfFrameDecoder decoder = new NetconfFrameDecoder();
      List<String> messages = new ArrayList<>();
      decoder.feed(stream, 0, stream.length, message -> {
        messages.add(message);
        if (messages.size() == 1) {
          decoder.useChunkedFraming();
        }
      });
      assertEquals(List.of("<!-- junos --><hello/>", "<rpc-reply/>\n"), messages);
      assertEquals(NetconfFraming.CHUNKED, decoder.framing());
    }

    @Test
    void acceptsTheLargestLegalChunkSizeHeaderButNotOneMore() {
      NetconfFramingException atMax = assertThrows(NetconfFramingException.class,
          () -> feedChunked("\n#4294967295\n"));
      assertTrue(atMax.getMessage().contains("exceeds the maximum size"), atMax.getMessage());
      NetconfFramingException over = assertThrows(NetconfFramingException.class,
          () -> feedChunked("\n#4294967296\n"));
      assertTrue(over.getMessage().contains("chunk size exceeds the maximum 4294967295"), over.getMessage());
    }

    @Test
    void rejectsAChunkThatWouldExceedTheMaximumMessageSizeBeforeItsDataArrives() {
      NetconfFrameDecoder decoder = new NetconfFrameDecoder(100);
      decoder.useChunkedFraming();
      byte[] header = ascii("\n#60\n" + "x".repeat(60) + "\n#41\n");
      NetconfFramingException e = assertThrows(NetconfFramingException.class, () -> decoder.feed(header, 0, header.length));
      assertTrue(e.getMessage().contains("maximum size of 100 bytes"), e.getMessage());
    }

    @Test
    void rejectsABadChunkHeader() {
      assertMalformed("\n#abc\n<a>\n##\n", "chunk size digit");
      assertMalformed("\n#3x<a>\n##\n", "newline ending the chunk size");
      assertMalformed("#3\n<a>\n##\n", "chunk header");
      assertMalformed("x\n#3\n<a>\n##\n", "chunk header");
      assertMalformed("\nx3\n<a>\n##\n", "chunk header");
    }

    @Test
    void rejectsChunkSizeZeroAndLeadingZeros() {
      assertMalformed("\n#0\n\n##\n", "chunk size starts with 0");
      assertMalformed("\n#03\n<a>\n##\n", "chunk size starts with 0");
    }

    @Test
    void rejectsGarbageBetweenChunks() {
      assertMalformed("\n#3\n<a>X\n#3\n<b>\n##\n", "newline that starts the next chunk header");
      assertMalformed("\n#3\n<a>\nX3\n<b>\n##\n", "'#'");
    }

    @Test
    void rejectsAnEndMarkerWithoutChunksOrWithoutItsNewline() {
      assertMalformed("\n##\n", "before any chunk");
      assertMalformed("\n#3\n<a>\n##x", "newline ending the end-of-chunks marker");
    }

    @Test
    void staysFailedAfterAnError() {
      NetconfFrameDecoder decoder = chunkedDecoder();
      byte[] bad = ascii("\n#x");
      assertThrows(NetconfFramingException.class, () -> decoder.feed(bad, 0, bad.length));
      byte[] good = ascii("\n#3\n<a>\n##\n");
      NetconfFramingException again = assertThrows(NetconfFramingException.class, () -> decoder.feed(good, 0, good.length));
      assertTrue(again.getMessage().contains("already failed"), again.getMessage());
    }

    private void feedChunked(String stream) throws NetconfFramingException {
      byte[] bytes = ascii(stream);
      chunkedDecoder().feed(bytes, 0, bytes.length);
    }

    private void assertMalformed(String stream, String expectedFragment) {
      NetconfFramingException whole = assertThrows(NetconfFramingException.class, () -> feedChunked(stream),
          () -> "no error for " + stream.replace("\n", "\\n"));
      assertTrue(whole.getMessage().contains(expectedFragment), whole.getMessage());
      // Same verdict when the bytes trickle in one at a time.
      NetconfFrameDecoder decoder = chunkedDecoder();
      assertThrows(NetconfFramingException.class, () -> decodeByteByByte(decoder, ascii(stream)));
    }
  }
}
