package io.telemetry.host.config;

/** A command refused to start: its configuration has problems (the report has them all). */
public final class InvalidConfigException extends RuntimeException {

  private final transient ConfigReport report;

  public InvalidConfigException(ConfigReport report) {
    super(report.summary());
    this.report = report;
  }

  public ConfigReport report() {
    return report;
  }
}
