package io.telemetry.inventory.discover;

import io.telemetry.inventory.Resource;
import io.telemetry.inventory.select.Selector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the discovery probes each resource asks for and adds what they found to its attributes,
 * before policies select it. A resource asks by its {@code discover} attribute ({@code snmp},
 * {@code netconf}, {@code snmp,netconf} or {@code none}); without one, the first {@link Rule}
 * whose selector selects it decides, else the default probes.
 *
 * <p>Results are cached per resource and probe and asked again every {@code interval} (default 30
 * minutes). A failed probe keeps the attributes it found last (none, before its first success),
 * is counted and logged naming the device, and is retried after {@code min(interval, 5 min)}.
 * Probes run on the given executor (the blocking I/O dispatcher), at most {@code parallelism} at a
 * time, each bounded by {@code timeout} from the moment it starts. Attributes the inventory
 * source gives win over discovered ones, so an operator can always correct a device's record.
 *
 * <p>Thread-safe; meant to be called by one inventory refresh at a time.
 */
public final class Discovery {

  public static final String ATTRIBUTE = "discover";
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_PARALLELISM = 16;
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  /** Resources this selector selects (and that have no {@code discover} attribute) get these probes. */
  public record Rule(Selector selector, List<String> probes) {
    public Rule {
      Objects.requireNonNull(selector, "selector");
      probes = List.copyOf(probes);
    }
  }

  /** Probes started and failed of one probe type since the node started. */
  public record ProbeCounts(long started, long failed) {}

  /** A (device, probe) whose latest attempt failed, with the error (naming the device and probe). */
  public record FailingProbe(String device, String probe, String error) {}

  /**
   * @param byProbe       counts per probe name (every configured probe, and names resources asked
   *                      for that no probe answers to)
   * @param failingProbes every (device, probe) failing now, by device then probe
   */
  public record Status(Map<String, ProbeCounts> byProbe, List<FailingProbe> failingProbes) {
    public Status {
      byProbe = Map.copyOf(byProbe);
      failingProbes = List.copyOf(failingProbes);
    }

    /** Probes started, all types. */
    public long probes() {
      return byProbe.values().stream().mapToLong(ProbeCounts::started).sum();
    }

    /** Failed probes, all types. */
    public long failures() {
      return byProbe.values().stream().mapToLong(ProbeCounts::failed).sum();
    }

    /** The current error of each failing (device, probe), by {@code "<id> <probe>"}. */
    public Map<String, String> failing() {
      Map<String, String> byKey = new HashMap<>();
      failingProbes.forEach(f -> byKey.put(f.device() + " " + f.probe(), f.error()));
      return byKey;
    }
  }

  /** One probe's last result for one resource. */
  private record State(Map<String, String> attributes, Optional<Instant> probedAt, Instant nextAttempt,
      Optional<String> error) {}

  private record Job(Resource resource, DiscoveryProbe probe) {}

  private record Outcome(Job job, Instant started, Optional<Map<String, String>> found, Optional<String> error) {}

  private final Map<String, DiscoveryProbe> probes;
  private final List<Rule> rules;
  private final List<String> defaults;
  private final Duration interval;
  private final Duration timeout;
  private final int parallelism;
  private final Executor executor;
  private final Clock clock;

  /** Resource id -> probe name -> state. */
  private final Map<String, Map<String, State>> states = new ConcurrentHashMap<>();
  /** Probe name -> started, failed; every configured probe from the start, so its counts show as 0. */
  private final Map<String, AtomicLong> started = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

  public Discovery(List<DiscoveryProbe> probes, List<Rule> rules, List<String> defaults, Duration interval,
      Duration timeout, int parallelism, Executor executor, Clock clock) {
    Map<String, DiscoveryProbe> byName = new LinkedHashMap<>();
    for (DiscoveryProbe probe : probes) {
      if (byName.put(probe.name(), probe) != null) {
        throw new IllegalArgumentException("two discovery probes are named " + probe.name());
      }
    }
    this.probes = Map.copyOf(byName);
    byName.keySet().forEach(name -> {
      started.put(name, new AtomicLong());
      failures.put(name, new AtomicLong());
    });
    this.rules = List.copyOf(rules);
    this.defaults = List.copyOf(defaults);
    for (Rule rule : this.rules) {
      rule.probes().forEach(this::requireKnown);
    }
    this.defaults.forEach(this::requireKnown);
    if (interval.isZero() || interval.isNegative() || timeout.isZero() || timeout.isNegative() || parallelism < 1) {
      throw new IllegalArgumentException("discovery interval and timeout must be positive and parallelism at least 1");
    }
    this.interval = interval;
    this.timeout = timeout;
    this.parallelism = parallelism;
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private void requireKnown(String name) {
    if (!"none".equals(name) && !probes.containsKey(name)) {
      throw new IllegalArgumentException("no discovery probe \"" + name + "\"; known: " + new TreeSet<>(probes.keySet()));
    }
  }

  /**
   * The resources with what discovery knows about them added. Probes that are due run first;
   * the others use their cached results. Never fails: a failed probe is recorded and the
   * resource keeps the last known attributes. Forgets resources that are no longer listed.
   */
  public CompletableFuture<List<Resource>> discover(List<Resource> resources) {
    Set<String> listed = new HashSet<>();
    resources.forEach(r -> listed.add(r.id()));
    states.keySet().retainAll(listed);
    Instant now = clock.instant();
    List<Job> jobs = new ArrayList<>();
    List<Outcome> refused = new ArrayList<>();
    for (Resource resource : resources) {
      Map<String, State> known = states.getOrDefault(resource.id(), Map.of());
      for (String name : probesFor(resource)) {
        State state = known.get(name);
        if (state != null && now.isBefore(state.nextAttempt())) {
          continue;
        }
        DiscoveryProbe probe = probes.get(name);
        if (probe == null) {
          refused.add(new Outcome(new Job(resource, new Unknown(name)), now, Optional.empty(),
              Optional.of("device " + resource.id() + ": " + ATTRIBUTE + " = \"" + resource.attribute(ATTRIBUTE)
                  + "\" names no discovery probe \"" + name + "\"; known: " + new TreeSet<>(probes.keySet()))));
        } else {
          jobs.add(new Job(resource, probe));
        }
      }
    }
    return runAll(jobs).thenApply(outcomes -> {
      refused.forEach(this::record);
      outcomes.forEach(this::record);
      return resources.stream().map(this::withDiscovered).toList();
    });
  }

  /** The probe names a resource asks for, in order. */
  List<String> probesFor(Resource resource) {
    String asked = resource.attribute(ATTRIBUTE);
    List<String> names;
    if (asked != null) {
      names = Arrays.stream(asked.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
          .toList();
    } else {
      names = rules.stream().filter(rule -> rule.selector().matches(resource::attribute)).findFirst()
          .map(Rule::probes).orElse(defaults);
    }
    return names.contains("none") ? List.of() : names.stream().distinct().toList();
  }

  /** What the probes found for a resource, merged in probe order; empty when nothing yet. */
  public Map<String, String> discovered(String id) {
    Map<String, String> merged = new LinkedHashMap<>();
    states.getOrDefault(id, Map.of()).values().forEach(state -> merged.putAll(state.attributes()));
    return merged;
  }

  /**
   * Drops every cached result and error (the counts stay): the refresher calls it when it stops,
   * e.g. when the inventory coordinator moves to another node, so that this node no longer reports
   * devices as failing that it has stopped probing. A later {@link #discover} probes afresh.
   */
  public void forget() {
    states.clear();
  }

  public Status status() {
    List<FailingProbe> failing = new ArrayList<>();
    states.forEach((id, byProbe) -> byProbe.forEach((probe, state) ->
        state.error().ifPresent(error -> failing.add(new FailingProbe(id, probe, error)))));
    failing.sort(Comparator.comparing(FailingProbe::device).thenComparing(FailingProbe::probe));
    Map<String, ProbeCounts> counts = new HashMap<>();
    Set<String> names = new HashSet<>(started.keySet());
    names.addAll(failures.keySet());
    names.forEach(name -> counts.put(name, new ProbeCounts(count(started, name), count(failures, name))));
    return new Status(counts, failing);
  }

  private static long count(Map<String, AtomicLong> counters, String name) {
    AtomicLong counter = counters.get(name);
    return counter == null ? 0 : counter.get();
  }

  private Resource withDiscovered(Resource resource) {
    Map<String, String> found = discovered(resource.id());
    if (found.isEmpty()) {
      return resource;
    }
    Map<String, String> merged = new HashMap<>(found);
    Resource.RESERVED.forEach(merged::remove);
    merged.putAll(resource.attributes()); // the source's own values win
    return new Resource(resource.id(), resource.host(), resource.port(), merged);
  }

  private void record(Outcome outcome) {
    String id = outcome.job().resource().id();
    String probe = outcome.job().probe().name();
    Map<String, State> byProbe = new HashMap<>(states.getOrDefault(id, Map.of()));
    State previous = byProbe.get(probe);
    State next;
    if (outcome.found().isPresent()) {
      next = new State(outcome.found().get(), Optional.of(outcome.started()), outcome.started().plus(interval),
          Optional.empty());
      if (previous != null && previous.error().isPresent()) {
        LOG.info("device {}: discovery probe {} works again", id, probe);
      }
    } else {
      failures.computeIfAbsent(probe, name -> new AtomicLong()).incrementAndGet();
      Duration retry = interval.compareTo(RETRY_AFTER_FAILURE) < 0 ? interval : RETRY_AFTER_FAILURE;
      Map<String, String> kept = previous == null ? Map.of() : previous.attributes();
      Optional<Instant> probedAt = previous == null ? Optional.empty() : previous.probedAt();
      next = new State(kept, probedAt, outcome.started().plus(retry), outcome.error());
      if (previous == null || previous.error().isEmpty()) {
        LOG.warn("{} ({}; retrying in {})", outcome.error().orElse("?"),
            probedAt.map(at -> "keeping what it found at " + at).orElse("nothing discovered yet"), retry);
      }
    }
    byProbe.put(probe, next);
    states.put(id, Map.copyOf(byProbe));
  }

  /** Runs the jobs, at most {@code parallelism} at a time; completes when all have. */
  private CompletableFuture<List<Outcome>> runAll(List<Job> jobs) {
    if (jobs.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<CompletableFuture<Outcome>> results = new ArrayList<>(jobs.size());
    jobs.forEach(job -> results.add(new CompletableFuture<>()));
    AtomicInteger next = new AtomicInteger();
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int i = next.getAndIncrement();
      if (i < jobs.size()) {
        run(jobs.get(i)).whenComplete((outcome, error) -> {
          results.get(i).complete(outcome);
          launch[0].run();
        });
      }
    };
    for (int k = 0; k < Math.min(parallelism, jobs.size()); k++) {
      launch[0].run();
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
  }

  /** One probe on the executor, timed out {@code timeout} after it starts; never completes exceptionally. */
  private CompletableFuture<Outcome> run(Job job) {
    Instant start = clock.instant();
    started.computeIfAbsent(job.probe().name(), name -> new AtomicLong()).incrementAndGet();
    CompletableFuture<Map<String, String>> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
          result.complete(job.probe().probe(job.resource()));
        } catch (DiscoveryException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RuntimeException rejected) {
      result.completeExceptionally(rejected);
    }
    return result.handle((found, error) -> found != null
        ? new Outcome(job, start, Optional.of(found), Optional.empty())
        : new Outcome(job, start, Optional.empty(), Optional.of(message(job, error))));
  }

  private String message(Job job, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String device = job.resource().id();
    if (cause instanceof DiscoveryException) {
      return cause.getMessage();
    }
    if (cause instanceof TimeoutException) {
      return "device " + device + ": discovery probe " + job.probe().name() + ": no result within " + timeout;
    }
    return "device " + device + ": discovery probe " + job.probe().name() + " failed: " + cause;
  }

  /** Stands in for a probe name nothing answers to, so that the refusal is recorded like a failure. */
  private record Unknown(String name) implements DiscoveryProbe {
    @Override
    public Map<String, String> probe(Resource resource) {
      throw new UnsupportedOperationException(name);
    }
  }
}
