package io.telemetry.collect.meraki;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Polls one Meraki organization (the target) through the Dashboard API: per-uplink loss and
 * latency of its appliances ({@code uplink}) and the usage of every client of its networks
 * ({@code client}). Uses no SSH. Not thread-safe: the device actor calls it from one blocking-I/O
 * thread at a time; the organization's rate limiter is shared and thread-safe.
 */
public final class MerakiCollector implements Collector {

  private final Target target;
  private final MerakiSettings settings;
  private final MerakiApi api;
  private final Clock clock;
  private final UplinkWatermarks watermarks = new UplinkWatermarks();

  MerakiCollector(Target target, MerakiSettings settings, MerakiHttp http, Clock clock) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.api = new MerakiApi(http, settings);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Nothing to open: each poll makes its own HTTP requests. */
  @Override
  public void open(DeviceSession session) {
    // no session state
  }

  @Override
  public PollResult poll(Instant pollStart) throws CollectException {
    List<Sample> samples = new ArrayList<>();
    if (settings.collect().contains(MerakiSettings.Family.UPLINKS)) {
      List<JsonNode> items = api.uplinksLossAndLatency();
      samples.addAll(watermarks.newPoints(parse("uplinksLossAndLatency", () -> UplinkParser.parse(target.id(), items))));
    }
    if (settings.collect().contains(MerakiSettings.Family.CLIENTS)) {
      for (String network : networks()) {
        List<JsonNode> items = api.clients(network);
        Instant time = clock.instant();
        samples.addAll(parse("networks/" + network + "/clients",
            () -> ClientParser.parse(target.id(), network, time, items)));
      }
    }
    return new PollResult(samples, OptionalLong.empty());
  }

  @Override
  public void close() {
    // nothing held
  }

  /** The configured networks, else every network of the organization. */
  private List<String> networks() throws CollectException {
    if (!settings.networks().isEmpty()) {
      return settings.networks();
    }
    List<String> ids = new ArrayList<>();
    List<JsonNode> networks = api.networks();
    for (int i = 0; i < networks.size(); i++) {
      int index = i;
      ids.add(parse("organizations/" + settings.organizationId() + "/networks",
          () -> JsonFields.required(networks.get(index), "id", "network " + index)));
    }
    return ids;
  }

  @FunctionalInterface
  private interface Parse<T> {
    T run() throws MerakiParseException;
  }

  private <T> T parse(String endpoint, Parse<T> parse) throws CollectException {
    try {
      return parse.run();
    } catch (MerakiParseException e) {
      throw new CollectException(target.id(), Kind.MALFORMED_REPLY,
          "GET " + settings.baseUri().getRawPath() + "/" + endpoint + ": " + e.getMessage(), false, e);
    }
  }
}
