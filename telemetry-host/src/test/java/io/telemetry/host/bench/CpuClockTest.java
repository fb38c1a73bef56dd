package io.telemetry.host.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuClockTest {

  @Test
  void machineBusyCountsUserNiceSystemIrqSoftirqButNotIdleIowaitOrSteal() {
    // user nice system idle iowait irq softirq steal guest guest_nice (ticks of 1/100 s)
    String line = "cpu  1000 200 300 90000 500 10 20 700 0 0";
    assertEquals((1000 + 200 + 300 + 10 + 20) / 100.0, CpuClock.machineBusySeconds(line).getAsDouble(), 1e-9);
  }

  @Test
  void anythingButTheCpuLineIsUnknown() {
    assertTrue(CpuClock.machineBusySeconds("cpu0 1 2 3 4 5").isEmpty());
  }

  @Test
  void thisProcessHasUsedSomeCpu() {
    assertTrue(CpuClock.thisProcessSeconds().orElse(0) > 0);
  }
}
