package io.telemetry.host.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.telemetry.logging.DeviceMdc;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log format switch, on a logback context of its own (the test JVM's logging stays as it is). */
class LogFormatTest {

  private static final String PATTERN = "%-5level %logger{24}%replace( [%X{device}]){' \\[\\]', ''} - %msg%n";

  private final LoggerContext context = new LoggerContext();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private Logger logger() {
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    context.start();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    return context.getLogger("io.telemetry.device.DeviceActor");
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void jsonLinesCarryTheDeviceFromTheMdc() throws Exception {
    Logger log = logger();
    LogFormat.apply(context, LogFormat.format(ConfigFactory.parseString("logging.format = json")));
    DeviceMdc.log("edge1.ams1", () -> log.error("device {}: junos poll failed: timeout", "edge1.ams1"));
    log.info("node started");

    List<String> lines = lines();
    assertEquals(2, lines.size(), lines.toString());
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertEquals("edge1.ams1", first.path("mdc").path("device").asText(), lines.get(0));
    assertEquals("ERROR", first.path("level").asText());
    assertEquals("device edge1.ams1: junos poll failed: timeout", first.path("formattedMessage").asText());
    JsonNode second = json.readTree(lines.get(1));
    assertTrue(second.path("mdc").path("device").isMissingNode() || second.path("mdc").path("device").isNull(), lines.get(1));
  }

  @Test
  void textKeepsThePatternWithTheDeviceWhenThereIsOne() {
    Logger log = logger();
    LogFormat.apply(context, LogFormat.format(ConfigFactory.parseString("logging.format = text")));
    DeviceMdc.log("edge1.ams1", () -> log.error("poll failed"));
    log.info("node started");
    assertEquals(List.of("ERROR i.t.device.DeviceActor [edge1.ams1] - poll failed",
        "INFO  i.t.device.DeviceActor - node started"), lines());
  }

  @Test
  void anUnknownFormatNamesTheSetting() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> LogFormat.format(ConfigFactory.parseString("logging.format = xml")));
    assertTrue(e.getMessage().contains("telemetry.logging.format"), e.getMessage());
  }
}
