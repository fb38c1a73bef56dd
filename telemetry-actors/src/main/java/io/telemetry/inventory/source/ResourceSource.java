package io.telemetry.inventory.source;

import io.telemetry.inventory.Resource;
import java.util.List;

/**
 * Where resources come from: a static HOCON list, a file, an HTTP endpoint. Loading may block
 * (file and network I/O): call it on the blocking I/O dispatcher.
 */
public interface ResourceSource {

  /** The source as named in logs and errors, e.g. {@code file:/etc/telemetry/routers.csv}. */
  String describe();

  /**
   * Every resource the source lists now. All or nothing: one bad entry fails the whole load, so
   * that a half-broken inventory never replaces a good one.
   *
   * @throws InventoryException naming the source and, for bad content, the line or entry
   */
  List<Resource> load() throws InventoryException;
}
