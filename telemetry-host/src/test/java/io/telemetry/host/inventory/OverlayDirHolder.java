package io.telemetry.host.inventory;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;

/**
 * A child JVM for {@link OverlayDirTest}: takes the folder of its argument as node
 * "holder-node", prints {@value #HELD}, and holds it until its standard input ends; or prints
 * {@value #REFUSED} and the error when it may not.
 */
public final class OverlayDirHolder {

  static final String HELD = "held";
  static final String REFUSED = "refused: ";

  private OverlayDirHolder() {}

  public static void main(String[] args) throws IOException {
    try {
      hold(args[0]);
    } catch (ConfigException e) {
      System.out.println(REFUSED + e.getMessage());
      System.exit(1);
    }
  }

  private static void hold(String folder) throws IOException {
    try (OverlayDir held = OverlayDir.open(ConfigFactory.empty().withValue("inventory.overlay-dir",
        ConfigValueFactory.fromAnyRef(folder)), "holder-node")) {
      System.out.println(HELD);
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the folder until the test closes our input
      }
    }
  }
}
