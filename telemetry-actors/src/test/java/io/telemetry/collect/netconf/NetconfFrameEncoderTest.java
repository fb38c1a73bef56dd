package io.telemetry.collect.netconf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetconfFrameEncoderTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void endOfMessageAppendsTheDelimiter() {
    assertArrayEquals(utf8("<hello/>]]>]]>"), NetconfFrameEncoder.encode("<hello/>", NetconfFraming.END_OF_MESSAGE));
  }

  @Test
  void chunkedWritesHeadersAndTheEndMarker() {
    assertArrayEquals(utf8("\n#5\n<rpc-\n#5\nreply\n#2\n/>\n##\n"),
        NetconfFrameEncoder.encode(utf8("<rpc-reply/>"), NetconfFraming.CHUNKED, 5));
    assertArrayEquals(utf8("\n#12\n<rpc-reply/>\n##\n"), NetconfFrameEncoder.encode("<rpc-reply/>", NetconfFraming.CHUNKED));
  }

  @Test
  void roundTripsThroughTheDecoderForEveryChunkSize() throws Exception {
    String message = "<rpc-reply message-id=\"1\"><data>\u00fcber</data></rpc-reply>";
    for (int chunk = 1; chunk <= utf8(message).length + 1; chunk++) {
      byte[] framed = NetconfFrameEncoder.encode(utf8(message), NetconfFraming.CHUNKED, chunk);
      NetconfFrameDecoder decoder = new NetconfFrameDecoder();
      decoder.useChunkedFraming();
      assertEquals(List.of(message), decoder.feed(framed, 0, framed.length), "chunk size " + chunk);
    }
  }

  @Test
  void refusesWhatTheFramingCannotCarry() {
    assertThrows(IllegalArgumentException.class,
        () -> NetconfFrameEncoder.encode("<a><![CDATA[]]>]]>", NetconfFraming.END_OF_MESSAGE));
    assertThrows(IllegalArgumentException.class, () -> NetconfFrameEncoder.encode("", NetconfFraming.CHUNKED));
    assertThrows(IllegalArgumentException.class,
        () -> NetconfFrameEncoder.encode(utf8("<a/>"), NetconfFraming.CHUNKED, 0));
  }
}
