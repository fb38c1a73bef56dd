package io.telemetry.collect.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects a channel stream up to a limit; beyond it the rest is dropped and {@link #overflowed()}
 * says so. Written from MINA's I/O thread, read after the channel closed.
 */
final class BoundedBuffer extends OutputStream {

  private final long limit;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private boolean overflowed;

  BoundedBuffer(long limit) {
    this.limit = limit;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] data, int offset, int length) {
    long room = limit - bytes.size();
    if (length > room) {
      overflowed = true;
      length = (int) Math.max(0, room);
    }
    bytes.write(data, offset, length);
  }

  synchronized boolean overflowed() {
    return overflowed;
  }

  synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
