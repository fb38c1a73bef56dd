package io.telemetry.host.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --management URL}: the node whose management HTTP server a cluster command asks. */
public final class ManagementOption {

  @Option(names = {"-m", "--management"}, paramLabel = "URL",
      defaultValue = "${env:TELEMETRY_MANAGEMENT:-http://127.0.0.1:7626}",
      description = "Management HTTP base URL of any cluster node (default ${DEFAULT-VALUE};"
          + " env TELEMETRY_MANAGEMENT).")
  URI url;
}
