package io.telemetry.inventory.source;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** An inventory in a local file, read whole on every fetch (UTF-8). */
final class FileInventorySource implements InventorySource {

  private final Path file;

  FileInventorySource(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  @Override
  public String describe() {
    return "file:" + file;
  }

  @Override
  public String fetch(Duration timeout) throws InventoryException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InventoryException(describe() + ": no such file", e);
    } catch (CharacterCodingException e) {
      throw new InventoryException(describe() + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new InventoryException(describe() + ": cannot read: " + e, e);
    }
  }
}
