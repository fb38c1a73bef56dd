package io.telemetry.host.node;

import com.typesafe.config.Config;
import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.OverflowPolicy;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.pipeline.SampleSink;
import io.telemetry.pipeline.SinkBranch;
import io.telemetry.pipeline.SinkCounters;
import io.telemetry.sink.influx.InfluxSampleSink;
import io.telemetry.sink.influx.InfluxSinkSettings;
import io.telemetry.sink.kafka.KafkaSampleSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

/** The sinks a node writes to, built (and validated) from its config. */
final class NodeSinks {

  private NodeSinks() {}

  /** @param kafkaTopicsReady the Kafka sink writes nothing before it completes (NodeKafkaTopics) */
  static List<SinkBranch> fromConfig(Config telemetry, String nodeId, CompletionStage<?> kafkaTopicsReady) {
    List<SinkBranch> sinks = new ArrayList<>();
    sinks.add(kafka(telemetry, nodeId, kafkaTopicsReady));
    Config influx = telemetry.getConfig("influx");
    if (InfluxSinkSettings.enabled(influx)) {
      sinks.add(influx(influx));
    }
    return List.copyOf(sinks);
  }

  // Not primary: a sample counts as delivered once Kafka has it; InfluxDB is a second copy.
  private static SinkBranch influx(Config influx) {
    InfluxSinkSettings settings = InfluxSinkSettings.fromConfig(influx);
    return new SinkBranch(new InfluxSampleSink(settings), settings.bufferBatches(), settings.overflow(), false);
  }

  private static SinkBranch kafka(Config telemetry, String nodeId, CompletionStage<?> topicsReady) {
    // The first batch waits for the topic set-up (bounded by telemetry.kafka.topics.timeout; its
    // buffer backpressures meanwhile); once it is done this stage passes batches straight on, in order.
    Flow<PollBatch, BatchDelivery, NotUsed> flow = Flow.<PollBatch>create()
        .mapAsync(1, batch -> topicsReady.thenApply(done -> batch))
        .via(KafkaSampleSink.flow(telemetry, nodeId));
    SampleSink sink = new SampleSink() {
      @Override
      public String name() {
        return KafkaSampleSink.NAME;
      }

      @Override
      public Flow<PollBatch, BatchDelivery, NotUsed> flow(SinkCounters counters) {
        return flow;
      }
    };
    return new SinkBranch(sink, telemetry.getInt("kafka.buffer-batches"),
        OverflowPolicy.parse(telemetry.getString("kafka.overflow"), "telemetry.kafka.overflow"), true);
  }
}
