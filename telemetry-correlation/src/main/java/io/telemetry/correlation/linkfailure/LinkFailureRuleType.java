package io.telemetry.correlation.linkfailure;

import com.typesafe.config.Config;
import io.telemetry.correlation.rule.RuleInstance;
import io.telemetry.correlation.rule.RuleType;
import io.telemetry.correlation.rules.ConfiguredRule;
import io.telemetry.correlation.rules.EventFactory;
import io.telemetry.correlation.rules.RuleSettings;
import io.telemetry.sink.kafka.SampleRecord;
import java.util.List;
import java.util.Optional;

/**
 * {@code link-failure}: an interface goes down and a BGP session on the same device goes down
 * within {@code within} of it (families interface and bgp_peer, key = device). See README.md.
 */
public final class LinkFailureRuleType implements RuleType {

  public static final String NAME = "link-failure";
  static final String INTERFACE = "interface";
  static final String BGP_PEER = "bgp_peer";
  /** The routing instance Junos calls master (see BgpSummaryParser.DEFAULT_INSTANCE). */
  static final String DEFAULT_INSTANCE = "default";

  /** An interface's or peer's status in one record: {@code name} is e.g. {@code interface ge-0/0/1}. */
  record Series(String name, int status) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RuleInstance create(String instanceName, Config settings) {
    RuleSettings read = new RuleSettings(instanceName, settings);
    return new ConfiguredRule(instanceName, NAME, List.of(INTERFACE, BGP_PEER),
        sample -> series(sample).map(s -> sample.device()),
        new LinkCorrelation(read.positiveDuration("within"), new EventFactory(instanceName, NAME, read.severity())));
  }

  /**
   * The interface (gauge oper_status) or BGP peer (gauge state, 1 = established) a record reports,
   * empty for anything else. A peer outside the default routing instance is named {@code address%instance}.
   */
  static Optional<Series> series(SampleRecord sample) {
    if (INTERFACE.equals(sample.family())) {
      String name = sample.tags().get("interface");
      Double status = sample.gauges().get("oper_status");
      return name == null || status == null
          ? Optional.empty()
          : Optional.of(new Series(LinkCorrelation.IFACE + name, (int) Math.round(status)));
    }
    if (BGP_PEER.equals(sample.family())) {
      String peer = sample.tags().get("peer");
      Double state = sample.gauges().get("state");
      String instance = sample.tags().getOrDefault("instance", DEFAULT_INSTANCE);
      return peer == null || state == null
          ? Optional.empty()
          : Optional.of(new Series(LinkCorrelation.PEER + peer + (DEFAULT_INSTANCE.equals(instance) ? "" : "%" + instance),
              (int) Math.round(state)));
    }
    return Optional.empty();
  }
}
