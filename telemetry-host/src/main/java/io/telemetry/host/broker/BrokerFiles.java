package io.telemetry.host.broker;

import io.telemetry.host.process.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * The files of one embedded broker in its data folder, and the command line of its JVM.
 *
 * <pre>
 * server.properties   written at every start (same ports, same folders)
 * logback-broker.xml  the child's logging: WARN, plus start/stop lines
 * broker.log          the child's output, appended across restarts
 * kafka-data/         Kafka's log.dirs (topics and KRaft metadata), formatted once
 * broker.args         java argument file holding the (long) classpath
 * </pre>
 */
final class BrokerFiles {

  private final Path dataDir;

  BrokerFiles(Path dataDir) {
    this.dataDir = dataDir;
  }

  Path serverProperties() {
    return dataDir.resolve("server.properties");
  }

  Path logFile() {
    return dataDir.resolve("broker.log");
  }

  Path kafkaLogDir() {
    return dataDir.resolve("kafka-data");
  }

  private Path logbackConfig() {
    return dataDir.resolve("logback-broker.xml");
  }

  private Path argumentFile() {
    return dataDir.resolve("broker.args");
  }

  /** A new cluster id when the storage was never formatted, else empty (format only once). */
  Optional<String> clusterIdToFormat() {
    return Files.exists(kafkaLogDir().resolve("meta.properties"))
        ? Optional.empty()
        : Optional.of(Uuid.randomUuid().toString());
  }

  void writeServerProperties(Map<String, String> values) throws IOException {
    Properties properties = new Properties();
    properties.putAll(values);
    // Properties.store escapes what needs escaping (e.g. ':' and '\' in folder names).
    try (var out = Files.newBufferedWriter(serverProperties(), StandardCharsets.UTF_8)) {
      properties.store(out, "Embedded KRaft broker (written by io.telemetry.host.broker.EmbeddedKafka)");
    }
  }

  void writeLogbackConfig() throws IOException {
    Files.writeString(logbackConfig(), String.join("\n",
        "<configuration>",
        "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
        "    <encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>",
        "  </appender>",
        "  <logger name=\"kafka.server.KafkaRaftServer\" level=\"INFO\"/>",
        "  <logger name=\"org.apache.kafka.common.utils.AppInfoParser\" level=\"INFO\"/>",
        "  <root level=\"WARN\"><appender-ref ref=\"OUT\"/></root>",
        "</configuration>",
        ""));
  }

  /** {@code java <options> @broker.args BrokerChildMain}, the classpath going in the argument file. */
  List<String> javaCommand(List<String> jvmOptions) throws IOException {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dlogback.configurationFile=" + logbackConfig());
    return ChildJvm.command(argumentFile(), options, BrokerChildMain.class, List.of(
        kafka.Kafka.class,
        scala.Predef.class,
        Uuid.class,
        ch.qos.logback.classic.Logger.class,
        org.slf4j.Logger.class));
  }
}
