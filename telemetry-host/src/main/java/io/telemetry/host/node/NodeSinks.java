package io.telemetry.host.node;

import com.typesafe.config.Config;
import io.telemetry.pipeline.BatchDelivery;
import io.telemetry.pipeline.PollBatch;
import io.telemetry.pipeline.SampleSink;
import io.telemetry.sink.kafka.KafkaSampleSink;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

/** The sinks a node writes to, built (and validated) from its config. */
final class NodeSinks {

  private NodeSinks() {}

  static SampleSink kafka(Config telemetry, String nodeId) {
    Flow<PollBatch, BatchDelivery, NotUsed> flow = KafkaSampleSink.flow(telemetry, nodeId);
    return new SampleSink() {
      @Override
      public String name() {
        return KafkaSampleSink.NAME;
      }

      @Override
      public Flow<PollBatch, BatchDelivery, NotUsed> flow() {
        return flow;
      }
    };
  }
}
