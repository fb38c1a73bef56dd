package io.telemetry.host.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * CPU time used so far by a process (user + system, all threads, as the kernel counts it in
 * {@code /proc/<pid>/stat}, read through {@link ProcessHandle.Info#totalCpuDuration}) and by the
 * whole machine ({@code /proc/stat}), in seconds. Empty where the OS does not tell.
 */
public final class CpuClock {

  /** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every mainstream architecture. */
  private static final double TICKS_PER_SECOND = 100.0;

  private CpuClock() {}

  public static OptionalDouble processSeconds(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    return handle.flatMap(h -> h.info().totalCpuDuration())
        .map(d -> OptionalDouble.of(d.toNanos() / 1e9))
        .orElse(OptionalDouble.empty());
  }

  public static OptionalDouble thisProcessSeconds() {
    return processSeconds(ProcessHandle.current().pid());
  }

  /** CPU seconds all cores of the machine spent running anything (any process, the kernel). */
  public static OptionalDouble machineBusySeconds() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      return machineBusySeconds(first);
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty();
    }
  }

  /** Parses the {@code cpu} line of /proc/stat: user nice system idle iowait irq softirq steal ... */
  static OptionalDouble machineBusySeconds(String cpuLine) {
    String[] fields = cpuLine.trim().split("\\s+");
    if (fields.length < 5 || !fields[0].equals("cpu")) {
      return OptionalDouble.empty();
    }
    // user + nice + system + irq + softirq; not idle, iowait or steal (time the hypervisor gave to
    // other machines). Guest time (fields 9, 10) is already part of user and nice.
    long busy = 0;
    for (int i : new int[] {1, 2, 3, 6, 7}) {
      busy += i < fields.length ? Long.parseLong(fields[i]) : 0;
    }
    return OptionalDouble.of(busy / TICKS_PER_SECOND);
  }
}
