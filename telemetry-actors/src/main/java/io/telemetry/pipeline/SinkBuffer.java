package io.telemetry.pipeline;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * A sink's own bounded buffer. With {@link OverflowPolicy#BACKPRESSURE} it stops pulling when
 * full; with {@link OverflowPolicy#DROP_OLDEST} it always pulls and drops its oldest element to
 * make room, telling {@code onDrop} (Pekko's built-in buffer drops silently, and every loss must
 * be counted). Reports its depth after every change.
 */
public final class SinkBuffer<T> extends GraphStage<FlowShape<T, T>> {

  private final Inlet<T> in = Inlet.create("SinkBuffer.in");
  private final Outlet<T> out = Outlet.create("SinkBuffer.out");
  private final FlowShape<T, T> shape = FlowShape.of(in, out);
  private final int capacity;
  private final OverflowPolicy policy;
  private final Consumer<T> onDrop;
  private final IntConsumer onDepth;

  public SinkBuffer(int capacity, OverflowPolicy policy, Consumer<T> onDrop, IntConsumer onDepth) {
    if (capacity < 1) {
      throw new IllegalArgumentException("buffer capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.policy = policy;
    this.onDrop = onDrop;
    this.onDepth = onDepth;
  }

  @Override
  public FlowShape<T, T> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {
      private final ArrayDeque<T> queue = new ArrayDeque<>();

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            if (queue.size() >= capacity) {
              onDrop.accept(queue.pollFirst()); // only reachable with DROP_OLDEST
            }
            queue.addLast(grab(in));
            if (isAvailable(out)) {
              push(out, queue.pollFirst());
            }
            onDepth.accept(queue.size());
            pullIfRoom();
          }

          @Override
          public void onUpstreamFinish() {
            if (queue.isEmpty()) {
              completeStage();
            }
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (!queue.isEmpty()) {
              push(out, queue.pollFirst());
              onDepth.accept(queue.size());
            }
            if (isClosed(in)) {
              if (queue.isEmpty()) {
                completeStage();
              }
            } else {
              pullIfRoom();
            }
          }
        });
      }

      private void pullIfRoom() {
        boolean room = policy == OverflowPolicy.DROP_OLDEST || queue.size() < capacity;
        if (room && !hasBeenPulled(in) && !isClosed(in)) {
          pull(in);
        }
      }

      @Override
      public void preStart() {
        pull(in);
      }
    };
  }
}
