package io.telemetry.inventory.source;

import io.telemetry.inventory.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Resources in a file or behind an HTTP URL, re-read whole on every load. */
public final class FetchedResourceSource implements ResourceSource {

  /** How the text is written. */
  public enum Format {
    /** A JSON array of objects, or NDJSON (told by the first character). */
    JSON,
    /** CSV with a header row. */
    CSV
  }

  private final InventorySource location;
  private final Format format;
  private final Duration timeout;

  /**
   * @param timeout bounds an HTTP request (files are read without one)
   */
  public FetchedResourceSource(InventorySource location, Format format, Duration timeout) {
    this.location = Objects.requireNonNull(location, "location");
    this.format = Objects.requireNonNull(format, "format");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String describe() {
    return location.describe();
  }

  @Override
  public List<Resource> load() throws InventoryException {
    String text = location.fetch(timeout);
    return format == Format.CSV ? ResourceEntries.csv(describe(), text) : ResourceEntries.json(describe(), text);
  }
}
