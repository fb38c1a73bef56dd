package io.telemetry.collect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.telemetry.sample.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexOutputParserTest {

  private static final Instant TIME = Instant.parse("2025-03-01T10:00:00Z");

  private static final RegexRecipe ONE_LINE = new RegexRecipe("interface",
      Pattern.compile("(?m)^interface=(?<name>\\S+) oper-status=(?<oper>\\S+) speed-bps=(?<speed>\\S+)"
          + " in-octets=(?<inOctets>\\S+) out-octets=(?<outOctets>\\S+)$"),
      Map.of("interface", "name"), Map.of("in_octets", "inOctets", "out_octets", "outOctets"),
      Map.of("speed_bps", "speed"), 64);

  @Test
  void everyLineIsOneSample() throws Exception {
    String text = """
        interface=ge-0/0/0 oper-status=up speed-bps=1000000000 in-octets=834178441927 out-octets=18446744073709551615
        interface=ge-0/0/1 oper-status=down speed-bps=10000000000 in-octets=0 out-octets=7
        """;
    List<Sample> samples = RegexOutputParser.parse("r1", TIME, ONE_LINE, text);
    assertEquals(2, samples.size());
    Sample first = samples.get(0);
    assertEquals(new Sample("r1", "interface", TIME, Map.of("interface", "ge-0/0/0"),
        Map.of("in_octets", 834178441927L, "out_octets", -1L), Map.of("speed_bps", 1e9), Map.of(), 64, ""), first);
    assertEquals(Map.of("in_octets", 0L, "out_octets", 7L), samples.get(1).counters());
    assertEquals(1e10, samples.get(1).gauges().get("speed_bps"));
  }

  @Test
  void oneRecordMaySpanLines() throws Exception {
    RegexRecipe sessions = new RegexRecipe("flow_sessions",
        Pattern.compile("(?s)Unicast-sessions:\\s*(?<unicast>\\d+).*?Failed-sessions:\\s*(?<failed>\\d+)"
            + ".*?Maximum-sessions:\\s*(?<max>\\d+)"),
        Map.of(), Map.of("failed_sessions", "failed"), Map.of("unicast_sessions", "unicast", "max_sessions", "max"), 32);
    String text = """
        Unicast-sessions: 2
        Multicast-sessions: 0
        Failed-sessions: 17
        Sessions-in-use: 2
          Valid sessions: 2
        Maximum-sessions: 524288
        """;
    Sample sample = RegexOutputParser.parse("srx1", TIME, sessions, text).get(0);
    assertEquals(Map.of(), sample.tags());
    assertEquals(Map.of("failed_sessions", 17L), sample.counters());
    assertEquals(Map.of("unicast_sessions", 2.0, "max_sessions", 524288.0), sample.gauges());
    assertEquals(32, sample.counterBits());
  }

  @Test
  void valuesThatAreNoNumbersAndGroupsThatDidNotMatchAreLeftOut() throws Exception {
    RegexRecipe recipe = new RegexRecipe("interface",
        Pattern.compile("(?m)^(?<name>\\S+) in=(?<in>\\S+)(?: out=(?<out>\\d+))? speed=(?<speed>\\S+)$"),
        Map.of("interface", "name"), Map.of("in_octets", "in", "out_octets", "out"), Map.of("speed_bps", "speed"), 64);
    Sample sample = RegexOutputParser.parse("r1", TIME, recipe, "ge-0/0/0 in=- speed=Auto\n").get(0);
    assertEquals(Map.of(), sample.counters(), "'-' is no counter and out did not take part");
    assertEquals(Map.of(), sample.gauges(), "'Auto' is no gauge");
    Sample big = RegexOutputParser.parse("r1", TIME, recipe, "ge-0/0/0 in=18446744073709551616 speed=1\n").get(0);
    assertEquals(Map.of(), big.counters(), "beyond 64 bits is no counter value");
  }

  @Test
  void recordsWithTheSameTagsAreRefused() {
    String text = """
        interface=ge-0/0/0 oper-status=up speed-bps=1 in-octets=1 out-octets=2
        interface=ge-0/0/0 oper-status=up speed-bps=1 in-octets=3 out-octets=4
        """;
    CliParseException e = assertThrows(CliParseException.class, () -> RegexOutputParser.parse("r1", TIME, ONE_LINE, text));
    assertTrue(e.getMessage().contains("records 1 and 2 have the same tags {interface=ge-0/0/0}"), e.getMessage());
  }

  @Test
  void outputThePatternDoesNotMatchIsAnErrorQuotingIt() {
    CliParseException e = assertThrows(CliParseException.class,
        () -> RegexOutputParser.parse("r1", TIME, ONE_LINE, "Interface ge-0/0/0 is up\nnothing else\n"));
    assertTrue(e.getMessage().contains("matched nothing"), e.getMessage());
    assertTrue(e.getMessage().contains("Interface ge-0/0/0 is up | nothing else"), e.getMessage());
  }
}
