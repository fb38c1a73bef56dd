package io.telemetry.collect.cli;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import io.telemetry.collect.Collector;
import io.telemetry.collect.DeviceSession;
import io.telemetry.collect.PollResult;
import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs the configured commands on the device's shared SSH session, one exec channel per command
 * (closed after it, the session stays), and reads their output into samples. Each sample is
 * stamped with the time its command's output was complete. Not thread-safe: the device actor
 * calls it from one blocking-I/O thread at a time.
 */
public final class CliCollector implements Collector {

  private final Target target;
  private final CliSettings settings;
  private final Clock clock;
  private final ExecRunner runner;
  private DeviceSession session;

  public CliCollector(Target target, CliSettings settings, Clock clock) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.runner = new ExecRunner(target.id(), settings.maxOutputBytes());
  }

  /** Connects the shared SSH session now, so that connection and login errors show at open. */
  @Override
  public void open(DeviceSession deviceSession) throws CollectException {
    deviceSession.ssh();
    this.session = deviceSession;
  }

  @Override
  public PollResult poll(Instant pollStart) throws CollectException {
    DeviceSession current = session;
    if (current == null) {
      throw new CollectException(target.id(), Kind.SESSION_LOST,
          "no open SSH session for command \"" + settings.commands().get(0).command() + "\"", true);
    }
    List<Sample> samples = new ArrayList<>();
    Map<String, String> commandBySeries = new HashMap<>();
    OptionalLong uptime = OptionalLong.empty();
    for (CliCommand command : settings.commands()) {
      ExecOutput output = runner.run(current.ssh(), command.command(), target.timeout());
      Instant time = clock.instant();
      Optional<String> failure = CliOutputCheck.failure(output);
      if (failure.isPresent()) {
        throw new CollectException(target.id(), Kind.RPC_ERROR,
            "command \"" + command.command() + "\" failed: " + failure.get(), false);
      }
      Parsed parsed = parse(command, time, output.stdout());
      for (Sample sample : parsed.samples()) {
        String earlier = commandBySeries.putIfAbsent(sample.seriesKey(), command.command());
        if (earlier != null && !earlier.equals(command.command())) {
          // Two readings of one series in one poll would make nonsense rates.
          throw new CollectException(target.id(), Kind.MALFORMED_REPLY, "commands \"" + earlier + "\" and \""
              + command.command() + "\" both report series " + sample.seriesKey() + "; a series may come from one"
              + " command only", false);
        }
      }
      samples.addAll(parsed.samples());
      if (uptime.isEmpty()) {
        uptime = parsed.uptime();
      }
    }
    return new PollResult(samples, uptime);
  }

  /** Forgets the session; the device's SSH session itself belongs to the device actor. */
  @Override
  public void close() {
    session = null;
  }

  private record Parsed(List<Sample> samples, OptionalLong uptime) {}

  private Parsed parse(CliCommand command, Instant time, String stdout) throws CollectException {
    try {
      return switch (command.format()) {
        case JUNOS_XML -> junos(command, time, stdout);
        case JUNOS_JSON -> junos(command, time, JunosJsonToXml.convert(stdout));
        case REGEX -> new Parsed(RegexOutputParser.parse(target.id(), time, command.recipe().orElseThrow(), stdout),
            OptionalLong.empty());
      };
    } catch (CliParseException e) {
      throw new CollectException(target.id(), Kind.MALFORMED_REPLY, "malformed output of command \""
          + command.command() + "\" (format " + command.format().configName() + "): " + e.getMessage(), false, e);
    }
  }

  private Parsed junos(CliCommand command, Instant time, String xml) throws CliParseException, CollectException {
    JunosCliXml.Result result = JunosCliXml.parse(target.id(), time, xml);
    if (!result.deviceErrors().isEmpty()) {
      throw new CollectException(target.id(), Kind.RPC_ERROR,
          "command \"" + command.command() + "\" failed: " + String.join("; ", result.deviceErrors()), false);
    }
    return new Parsed(result.samples(), result.deviceUptimeSeconds());
  }
}
