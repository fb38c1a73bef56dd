package io.telemetry.simulate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Now and then (every {@link ChaosSettings#period()}) an incident on a random device of the
 * fleet: a link flap, a link failure taking its BGP sessions with it, a BGP session drop, or a
 * utilization spike; see {@link ChaosKind}. Each incident logs one INFO line and is told to the
 * listener when it starts; it undoes itself when its time is up.
 *
 * <p>Runs on its own single daemon thread, which alone touches the planner and the bookkeeping of
 * running incidents. The choices come from {@link ChaosSettings#seed()}: one seed, one sequence of
 * planned incidents. A planned incident whose interface or session is still held by a running one,
 * or is not healthy (someone else took it down), is skipped (DEBUG log), so the incidents that
 * actually run can differ from the plan only when incidents overlap.
 *
 * <p>{@link #close()} stops it and brings every interface and session it disturbed back to normal.
 *
 * <pre>{@code
 * try (FleetChaos chaos = FleetChaos.start(fleet, ChaosSettings.defaults(interval),
 *     incident -> System.out.println("chaos: " + incident.description()))) { ... }
 * }</pre>
 */
public final class FleetChaos implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetChaos.class);
  private static final long CLOSE_TIMEOUT_SECONDS = 10;

  private final Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
  private final ChaosSettings settings;
  private final Consumer<ChaosIncident> listener;
  private final ScheduledExecutorService thread;
  // Touched only on the chaos thread.
  private final ChaosPlanner planner;
  private final Set<String> held = new HashSet<>();
  private final List<Running> running = new ArrayList<>();
  private ScheduledFuture<?> ticks;

  /** An incident under way: its script and its steps still to come. */
  private record Running(ChaosIncident incident, ChaosScript script, List<ScheduledFuture<?>> pending) {}

  private FleetChaos(List<SimulatedDevice> fleet, ChaosSettings settings, Consumer<ChaosIncident> listener) {
    fleet.forEach(d -> devices.put(d.id(), d));
    this.settings = settings;
    this.listener = listener;
    this.planner = new ChaosPlanner(fleet, settings);
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "sim-chaos");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts staging incidents on {@code fleet}'s devices; {@code listener} (may be null) hears of each. */
  public static FleetChaos start(SimulatedFleet fleet, ChaosSettings settings, Consumer<ChaosIncident> listener) {
    return start(fleet.devices(), settings, listener);
  }

  /** As {@link #start(SimulatedFleet, ChaosSettings, Consumer)}, without a listener. */
  public static FleetChaos start(SimulatedFleet fleet, ChaosSettings settings) {
    return start(fleet.devices(), settings, null);
  }

  /** Starts staging incidents on these devices; {@code listener} (may be null) hears of each. */
  public static FleetChaos start(List<SimulatedDevice> devices, ChaosSettings settings,
      Consumer<ChaosIncident> listener) {
    FleetChaos chaos = new FleetChaos(List.copyOf(devices), settings, listener == null ? i -> { } : listener);
    log.info("chaos: an incident every {} on {} device(s), first after {}, kinds {}, seed {}",
        ChaosPlanner.human(settings.period()), devices.size(), ChaosPlanner.human(settings.firstIncidentAfter()),
        settings.kinds().stream().sorted().map(ChaosKind::label).toList(), settings.seed());
    chaos.thread.execute(() -> chaos.ticks = chaos.thread.scheduleAtFixedRate(chaos::tick,
        settings.firstIncidentAfter().toNanos(), settings.period().toNanos(), TimeUnit.NANOSECONDS));
    return chaos;
  }

  public ChaosSettings settings() {
    return settings;
  }

  /** One planned incident; never throws, since an exception would cancel the periodic task. */
  private void tick() {
    ChaosIncident incident = null;
    try {
      incident = planner.next();
      begin(incident);
    } catch (RuntimeException e) {
      log.warn("chaos: incident {} failed: {}", incident == null ? "planning" : incident.description(), e.toString(), e);
    }
  }

  private void begin(ChaosIncident incident) {
    SimulatedDevice device = devices.get(incident.deviceId());
    ChaosScript script = ChaosScript.of(device, incident, settings);
    if (script.resources().stream().anyMatch(held::contains)) {
      log.debug("chaos: skipped ({}), an incident there is still under way", incident.description());
      return;
    }
    if (!ChaosScript.ready(device, incident)) {
      log.debug("chaos: skipped ({}), not healthy to begin with", incident.description());
      return;
    }
    held.addAll(script.resources());
    Running run = new Running(incident, script, new ArrayList<>());
    running.add(run);
    List<ChaosScript.Step> steps = script.steps();
    for (int i = 0; i < steps.size(); i++) {
      ChaosScript.Step step = steps.get(i);
      boolean last = i == steps.size() - 1;
      Runnable change = () -> apply(run, step, last);
      if (step.at().isZero()) {
        change.run();
      } else {
        run.pending().add(thread.schedule(change, step.at().toNanos(), TimeUnit.NANOSECONDS));
      }
    }
    log.info("chaos: {}", incident.description());
    try {
      listener.accept(incident);
    } catch (RuntimeException e) {
      log.warn("chaos: the incident listener failed on ({}): {}", incident.description(), e.toString(), e);
    }
  }

  private void apply(Running run, ChaosScript.Step step, boolean last) {
    try {
      step.change().run();
    } catch (RuntimeException e) {
      log.warn("chaos: a step of ({}) failed: {}", run.incident().description(), e.toString(), e);
    }
    if (last) {
      finish(run);
    }
  }

  private void finish(Running run) {
    running.remove(run);
    held.removeAll(run.script().resources());
  }

  /** Stops: no more incidents, and every running one is undone now. */
  @Override
  public void close() {
    if (thread.isShutdown()) {
      return;
    }
    try {
      thread.submit(() -> {
        if (ticks != null) {
          ticks.cancel(false);
        }
        for (Running run : List.copyOf(running)) {
          run.pending().forEach(f -> f.cancel(false));
          try {
            run.script().restore().run();
          } catch (RuntimeException e) {
            log.warn("chaos: undoing ({}) failed: {}", run.incident().description(), e.toString(), e);
          }
          finish(run);
        }
      }).get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("chaos: stopping did not finish undoing the running incidents: {}", e.toString());
    } finally {
      thread.shutdownNow();
    }
  }
}
