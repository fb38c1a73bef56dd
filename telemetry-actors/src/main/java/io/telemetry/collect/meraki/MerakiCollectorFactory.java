package io.telemetry.collect.meraki;

import io.telemetry.collect.Collector;
import io.telemetry.collect.CollectorFactory;
import io.telemetry.collect.CollectorSpec;
import io.telemetry.inventory.Target;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Creates {@link MerakiCollector}s for collector blocks with {@code type = "meraki"}. One factory
 * per node: it holds the node's per-organization rate limiters and one HTTP client (connection
 * pool) shared by every Meraki target.
 */
public final class MerakiCollectorFactory implements CollectorFactory {

  public static final String TYPE = "meraki";

  private final OrganizationRateLimiters limiters;
  private final HttpClient client;
  private final Clock clock;
  private final Ticker ticker;

  /** The node's factory, with its budget per organization ({@code telemetry.meraki}). */
  public MerakiCollectorFactory(RateLimitSettings rateLimit) {
    this(new OrganizationRateLimiters(rateLimit, Ticker.SYSTEM), Clock.systemUTC(), Ticker.SYSTEM);
  }

  /** Tests pass their own limiters, clock and ticker. */
  public MerakiCollectorFactory(OrganizationRateLimiters limiters, Clock clock, Ticker ticker) {
    this.limiters = Objects.requireNonNull(limiters, "limiters");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  @Override
  public Set<String> families() {
    return Set.of(UplinkParser.FAMILY, ClientParser.FAMILY);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void validate(Target target, CollectorSpec spec) {
    MerakiSettings.from(spec);
  }

  /** The Dashboard API is HTTP: no SSH login, so the target needs no credentials. */
  @Override
  public boolean usesSsh() {
    return false;
  }

  @Override
  public Collector create(Target target, CollectorSpec spec) {
    if (!TYPE.equals(spec.type())) {
      throw new IllegalArgumentException("device " + target.id() + ": collector is \"" + spec.type()
          + "\", not \"" + TYPE + "\"");
    }
    MerakiSettings settings = MerakiSettings.from(spec);
    MerakiHttp http = new MerakiHttp(target.id(), settings, limiters.forOrganization(settings.organizationId()),
        client, target.timeout(), clock, ticker);
    return new MerakiCollector(target, settings, http, clock);
  }

  public OrganizationRateLimiters limiters() {
    return limiters;
  }
}
