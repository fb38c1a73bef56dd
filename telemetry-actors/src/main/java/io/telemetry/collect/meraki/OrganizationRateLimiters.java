package io.telemetry.collect.meraki;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link OrganizationRateLimiter} per organization id, for the whole node. Thread-safe. */
public final class OrganizationRateLimiters {

  private final RateLimitSettings settings;
  private final Ticker ticker;
  private final Map<String, OrganizationRateLimiter> byOrganization = new ConcurrentHashMap<>();

  public OrganizationRateLimiters(RateLimitSettings settings, Ticker ticker) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  public OrganizationRateLimiter forOrganization(String organizationId) {
    return byOrganization.computeIfAbsent(organizationId, id -> new OrganizationRateLimiter(id, settings, ticker));
  }

  public RateLimitSettings settings() {
    return settings;
  }
}
