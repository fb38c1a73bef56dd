package io.telemetry.host.process;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Lets a child JVM die with its parent. The parent keeps the child's standard input as a pipe and
 * never writes to it; end of file (or a broken pipe) means the parent is gone, in any way, even
 * {@code kill -9}. The child then exits normally (its shutdown hooks run) and is halted if that
 * takes longer than the grace period.
 */
public final class ParentWatch {

  private ParentWatch() {}

  /** Starts the daemon thread that watches {@code parentPipe} (normally {@code System.in}). */
  public static void start(InputStream parentPipe, String childName, Duration shutdownGrace) {
    Thread watcher = new Thread(() -> {
      try {
        while (parentPipe.read() >= 0) {
          // The parent never writes; anything read is ignored.
        }
      } catch (IOException e) {
        // A broken pipe means the same as end of file: the parent is gone.
      }
      System.err.println(childName + ": parent process gone, shutting down");
      haltAfter(shutdownGrace);
      System.exit(0); // runs the shutdown hooks: a clean shutdown when it can
    }, "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void haltAfter(Duration grace) {
    Thread halter = new Thread(() -> {
      try {
        Thread.sleep(grace.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(1);
    }, "parent-watch-halt");
    halter.setDaemon(true);
    halter.start();
  }
}
