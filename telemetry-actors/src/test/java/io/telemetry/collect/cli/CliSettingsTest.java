package io.telemetry.collect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.collect.CollectorSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliSettingsTest {

  private static final String PATH = "telemetry.targets[0].collectors[1]";

  private static CliSettings read(String hocon) {
    return CliSettings.from(new CollectorSpec("cli", Duration.ofSeconds(30), ConfigFactory.parseString(hocon), PATH));
  }

  private static String error(String hocon) {
    return assertThrows(ConfigException.class, () -> read(hocon)).getMessage();
  }

  @Test
  void readsEveryFormat() {
    CliSettings settings = read("""
        commands = [
          { command = "show interfaces extensive | display xml", format = junos-xml }
          { command = "show chassis routing-engine | display json", format = junos-json }
          { command = "show interfaces statistics brief", format = regex, family = interface,
            pattern = \"\"\"(?m)^interface=(?<interface>\\S+) in-octets=(?<inOctets>\\d+) speed=(?<speed>\\d+)\"\"\",
            tags = [interface], counters { in_octets = inOctets }, gauges { speed_bps = speed }, counter-bits = 32 }
        ]
        max-output = 1 MiB""");
    assertEquals(3, settings.commands().size());
    assertEquals(CliCommand.junos("show interfaces extensive | display xml", CliFormat.JUNOS_XML),
        settings.commands().get(0));
    assertEquals(CliFormat.JUNOS_JSON, settings.commands().get(1).format());
    RegexRecipe recipe = settings.commands().get(2).recipe().orElseThrow();
    assertEquals("interface", recipe.family());
    assertEquals(Map.of("interface", "interface"), recipe.tags());
    assertEquals(Map.of("in_octets", "inOctets"), recipe.counters());
    assertEquals(Map.of("speed_bps", "speed"), recipe.gauges());
    assertEquals(32, recipe.counterBits());
    assertEquals(1024 * 1024, settings.maxOutputBytes());
  }

  @Test
  void anUnknownFormatIsNamedWithItsPath() {
    String message = error("commands = [ { command = x, format = junos-xml }, { command = y, format = yaml } ]");
    assertTrue(message.contains(PATH + ".commands[1].format"), message);
    assertTrue(message.contains("\"yaml\"") && message.contains("junos-json"), message);
  }

  @Test
  void aBadRegexIsNamedWithItsPath() {
    String message = error("commands = [ { command = x, format = regex, family = f, pattern = \"(?<a>\\\\d+\", gauges = [a] } ]");
    assertTrue(message.contains(PATH + ".commands[0].pattern"), message);
    assertTrue(message.contains("not a valid regular expression"), message);
  }

  @Test
  void aMissingGroupIsNamedWithItsPath() {
    String message = error("""
        commands = [ { command = x, format = regex, family = f, pattern = "(?<a>\\\\d+) (?<b>\\\\d+)",
          gauges = [a], counters { c1 = b, c2 = missing } } ]""");
    assertTrue(message.contains(PATH + ".commands[0].counters"), message);
    assertTrue(message.contains("no group named \"missing\""), message);
  }

  @Test
  void aGroupNameJavaCannotHaveIsExplained() {
    String message = error("""
        commands = [ { command = x, format = regex, family = f, pattern = "(?<inOctets>\\\\d+)", counters = [in_octets] } ]""");
    assertTrue(message.contains(PATH + ".commands[0].counters"), message);
    assertTrue(message.contains("counters { in_octets = inoctets }"), message);
  }

  @Test
  void aRegexNeedsFamilyPatternAndAValue() {
    assertTrue(error("commands = [ { command = x, format = regex, pattern = \"(?<a>1)\", gauges = [a] } ]")
        .contains(PATH + ".commands[0].family"));
    assertTrue(error("commands = [ { command = x, format = regex, family = f, gauges = [a] } ]")
        .contains(PATH + ".commands[0].pattern"));
    assertTrue(error("commands = [ { command = x, format = regex, family = f, pattern = \"(?<a>1)\", tags = [a] } ]")
        .contains("at least one counter or gauge"));
    assertTrue(error("commands = [ { command = x, format = regex, family = \"Bad Family\", pattern = \"(?<a>1)\", gauges = [a] } ]")
        .contains(PATH + ".commands[0].family"));
    assertTrue(error("commands = [ { command = x, format = regex, family = f, pattern = \"(?<a>1)\", gauges = [a], counter-bits = 16 } ]")
        .contains(PATH + ".commands[0].counter-bits"));
  }

  @Test
  void regexSettingsOnAJunosCommandAreRefused() {
    String message = error("commands = [ { command = x, format = junos-xml, pattern = y } ]");
    assertTrue(message.contains(PATH + ".commands[0].pattern"), message);
    assertTrue(message.contains("only for format = regex"), message);
  }

  @Test
  void commandsAreRequiredAndUnknownKeysRefused() {
    assertTrue(error("").contains(PATH + ".commands"));
    assertTrue(error("commands = []").contains(PATH + ".commands"));
    assertTrue(error("commands = [ { format = junos-xml } ]").contains(PATH + ".commands[0].command"));
    assertTrue(error("commands = [ { command = x, format = junos-xml } ], comands = []").contains(PATH + ".comands"));
    assertTrue(error("commands = [ { command = \"  \", format = junos-xml } ]").contains(PATH + ".commands[0].command"));
    assertTrue(error("commands = \"show version\"").contains(PATH + ".commands"));
  }
}
