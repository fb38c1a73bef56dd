package io.telemetry.host.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceHealthTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void anErrorIsFailingWhateverElse() {
    DeviceHealth health = new DeviceHealth(Duration.ofSeconds(30));
    assertEquals("failing", health.status("r1", true, true, 5, T0));
    assertEquals("failing", health.status("r1", true, false, 0, T0));
  }

  @Test
  void notPolledYetIsConnectingThenOk() {
    DeviceHealth health = new DeviceHealth(Duration.ofSeconds(30));
    assertEquals("connecting", health.status("r1", false, false, 0, T0));
    assertEquals("ok", health.status("r1", false, true, 0, T0.plusSeconds(3)));
  }

  @Test
  void deferredWhileTheCounterMovedWithinTheWindow() {
    DeviceHealth health = new DeviceHealth(Duration.ofSeconds(30));
    assertEquals("ok", health.status("r1", false, true, 0, T0));
    assertEquals("deferred", health.status("r1", false, true, 2, T0.plusSeconds(3)));
    assertEquals("deferred", health.status("r1", false, true, 2, T0.plusSeconds(33)), "30 s after the move");
    assertEquals("ok", health.status("r1", false, true, 2, T0.plusSeconds(34)), "the counter stood still 31 s");
    assertEquals("deferred", health.status("r1", false, true, 3, T0.plusSeconds(40)));
  }

  @Test
  void deferralsBeforeTheFirstLookCountAsRecent() {
    DeviceHealth health = new DeviceHealth(Duration.ofSeconds(30));
    assertEquals("deferred", health.status("r1", false, true, 7, T0));
  }

  @Test
  void forgottenDevicesStartAfresh() {
    DeviceHealth health = new DeviceHealth(Duration.ofSeconds(30));
    health.status("r1", false, true, 0, T0);
    health.retain(Set.of("r2"));
    assertEquals("deferred", health.status("r1", false, true, 4, T0.plusSeconds(100)),
        "a device back on this node with deferrals counted meanwhile");
  }
}
