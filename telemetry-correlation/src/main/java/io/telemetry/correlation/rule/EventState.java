package io.telemetry.correlation.rule;

/** The phase of a correlated event. A raised event and its clearing share one event id. */
public enum EventState {
  RAISED("raised"),
  CLEARED("cleared");

  private final String json;

  EventState(String json) {
    this.json = json;
  }

  /** The value written in the event's {@code state} field. */
  public String json() {
    return json;
  }
}
