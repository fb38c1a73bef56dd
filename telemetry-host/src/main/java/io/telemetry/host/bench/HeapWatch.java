package io.telemetry.host.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's heap: the used heap right after every GC (GC notifications; with the
 * survivors of the collection only, it is the live set plus whatever dead objects that kind of
 * collection leaves behind, e.g. old-generation garbage after a young collection), and the peak
 * used heap (used right before every GC, and sampled twice a second in between).
 *
 * <p>Two scopes: the whole run, and a window that {@link #startWindow} opens (the steady state).
 * GC notifications arrive on a JMX thread and samples on a timer thread, so fields are guarded by
 * this object's lock.
 */
final class HeapWatch implements AutoCloseable {

  /** Heap figures of one scope, in bytes. */
  record Reading(long peakUsed, long maxUsedAfterGc, long gcCount, long gcPauseMillis) {}

  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onNotification;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-heap-sampler");
    t.setDaemon(true);
    return t;
  });

  private long runPeak;
  private long runAfterGc;
  private long runGcs;
  private long runPauseMillis;
  private long windowPeak;
  private long windowAfterGc;
  private long windowGcs;
  private long windowPauseMillis;
  private long explicitFullGcs;
  private long lastExplicitFullGcAfter;

  HeapWatch start() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
    sampler.scheduleAtFixedRate(() -> used(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()),
        0, 500, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Restarts both scopes: the run's figures (and the window's) start from now. */
  synchronized void startRun() {
    runPeak = 0;
    runAfterGc = 0;
    runGcs = 0;
    runPauseMillis = 0;
    startWindow();
  }

  /** Opens the window: its figures start from now. */
  synchronized void startWindow() {
    windowPeak = 0;
    windowAfterGc = 0;
    windowGcs = 0;
    windowPauseMillis = 0;
  }

  synchronized Reading run() {
    return new Reading(runPeak, runAfterGc, runGcs, runPauseMillis);
  }

  synchronized Reading window() {
    return new Reading(windowPeak, windowAfterGc, windowGcs, windowPauseMillis);
  }

  /**
   * Runs a full GC ({@code System.gc()}) and returns the heap used right after it: the live set
   * at this moment. Empty when explicit GCs are disabled or run concurrently (no full collection
   * was reported within a few seconds).
   */
  OptionalLong liveAfterFullGc() {
    long seen;
    synchronized (this) {
      seen = explicitFullGcs;
    }
    ManagementFactory.getMemoryMXBean().gc();
    // GC notifications are delivered asynchronously: wait briefly for the one of this GC.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    synchronized (this) {
      while (explicitFullGcs == seen && System.nanoTime() < deadline) {
        try {
          wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return explicitFullGcs == seen ? OptionalLong.empty() : OptionalLong.of(lastExplicitFullGcAfter);
    }
  }

  private void onNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    GcInfo gc = info.getGcInfo();
    long before = heapUsed(gc.getMemoryUsageBeforeGc());
    long after = heapUsed(gc.getMemoryUsageAfterGc());
    synchronized (this) {
      used(before);
      runAfterGc = Math.max(runAfterGc, after);
      windowAfterGc = Math.max(windowAfterGc, after);
      runGcs++;
      windowGcs++;
      runPauseMillis += gc.getDuration();
      windowPauseMillis += gc.getDuration();
      if ("System.gc()".equals(info.getGcCause()) && "end of major GC".equals(info.getGcAction())) {
        explicitFullGcs++;
        lastExplicitFullGcAfter = after;
        notifyAll();
      }
    }
  }

  private synchronized void used(long bytes) {
    runPeak = Math.max(runPeak, bytes);
    windowPeak = Math.max(windowPeak, bytes);
  }

  private long heapUsed(Map<String, MemoryUsage> pools) {
    long sum = 0;
    for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        sum += pool.getValue().getUsed();
      }
    }
    return sum;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone
      }
    }
  }
}
