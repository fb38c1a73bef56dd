package io.telemetry.inventory.source;

/** An inventory could not be fetched or read. The message names the source (and the line, for bad content). */
public final class InventoryException extends Exception {

  public InventoryException(String message) {
    super(message);
  }

  public InventoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
