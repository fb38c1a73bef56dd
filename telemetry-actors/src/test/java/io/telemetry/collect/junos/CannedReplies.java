package io.telemetry.collect.junos;

/** Small hand-written Junos replies for the collector tests, one per request of a full poll. */
final class CannedReplies {

  private CannedReplies() {}

  private static String reply(String body) {
    return "<rpc-reply xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\""
        + " xmlns:junos=\"http://xml.juniper.net/junos/22.4R1/junos\">\n" + body + "\n</rpc-reply>\n";
  }

  static final String INTERFACES = reply("""
      <interface-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-interface" junos:style="extensive">
        <physical-interface>
          <name>xe-0/0/0</name>
          <admin-status junos:format="Enabled">up</admin-status>
          <oper-status>up</oper-status>
          <local-index>150</local-index>
          <snmp-index>520</snmp-index>
          <description>ignored: the tag comes from the descriptions request</description>
          <speed>10Gbps</speed>
          <statistics-cleared>Never</statistics-cleared>
          <traffic-statistics junos:style="verbose">
            <input-bytes>9000</input-bytes>
            <output-bytes>8000</output-bytes>
            <input-packets>90</input-packets>
            <output-packets>80</output-packets>
          </traffic-statistics>
          <input-error-list><input-errors>1</input-errors><input-discards>2</input-discards></input-error-list>
          <output-error-list><output-errors>3</output-errors><output-drops>4</output-drops></output-error-list>
        </physical-interface>
      </interface-information>""");

  static final String ROUTE_ENGINES = reply("""
      <route-engine-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-chassis">
        <route-engine>
          <slot>0</slot>
          <mastership-state>backup</mastership-state>
          <cpu-idle>97</cpu-idle>
          <up-time junos:seconds="7000">1 hour, 56 minutes, 40 seconds</up-time>
        </route-engine>
        <route-engine>
          <slot>1</slot>
          <mastership-state>master</mastership-state>
          <cpu-idle>80</cpu-idle>
          <up-time junos:seconds="3600">1 hour</up-time>
        </route-engine>
      </route-engine-information>""");

  static String descriptions(String xe000) {
    return reply("""
        <interface-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-interface" junos:style="description">
          <physical-interface><name>xe-0/0/0</name><admin-status>up</admin-status><oper-status>up</oper-status>
            <description>%s</description></physical-interface>
        </interface-information>""".formatted(xe000));
  }

  static final String LLDP = reply("""
      <lldp-neighbors-information junos:style="brief">
        <lldp-neighbor-information>
          <lldp-local-port-id>xe-0/0/0</lldp-local-port-id>
          <lldp-remote-port-id>et-0/0/3</lldp-remote-port-id>
          <lldp-remote-system-name>core1</lldp-remote-system-name>
        </lldp-neighbor-information>
      </lldp-neighbors-information>""");

  static final String INSTANCES = reply("""
      <instance-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-routing" junos:style="terse">
        <instance-core><instance-name>master</instance-name><instance-type>forwarding</instance-type></instance-core>
        <instance-core><instance-name>__juniper_private1__</instance-name><instance-type>forwarding</instance-type></instance-core>
        <instance-core><instance-name>CUST-A</instance-name><instance-type>vrf</instance-type></instance-core>
      </instance-information>""");

  static final String BGP_MASTER = reply("""
      <bgp-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-routing">
        <bgp-peer junos:style="terse">
          <peer-address>192.0.2.2</peer-address>
          <peer-as>65002</peer-as>
          <input-messages>100</input-messages>
          <output-messages>90</output-messages>
          <flap-count>2</flap-count>
          <elapsed-time junos:seconds="600">10:00</elapsed-time>
          <peer-state junos:format="Establ">Established</peer-state>
          <bgp-rib junos:style="terse"><name>inet.0</name><active-prefix-count>5</active-prefix-count>
            <received-prefix-count>7</received-prefix-count><accepted-prefix-count>6</accepted-prefix-count></bgp-rib>
        </bgp-peer>
      </bgp-information>""");

  static final String BGP_CUST_A = reply("""
      <bgp-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-routing">
        <bgp-peer junos:style="terse">
          <peer-address>198.51.100.2</peer-address>
          <peer-as>64512</peer-as>
          <flap-count>5</flap-count>
          <elapsed-time junos:seconds="30">30</elapsed-time>
          <peer-state>Active</peer-state>
        </bgp-peer>
      </bgp-information>""");

  static final String ENVIRONMENT = reply("""
      <environment-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-chassis">
        <environment-item><name>PEM 0</name><class>Power</class><status>OK</status>
          <temperature junos:celsius="35">35 degrees C / 95 degrees F</temperature></environment-item>
        <environment-item><name>Routing Engine 0</name><class>Temp</class><status>OK</status>
          <temperature junos:celsius="41">41 degrees C / 105 degrees F</temperature></environment-item>
        <environment-item><name>Fan Tray 0 Fan 0</name><class>Fans</class><status>OK</status>
          <comment>Spinning at normal speed</comment></environment-item>
      </environment-information>""");

  static final String POWER = reply("""
      <power-usage-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-chassis">
        <power-usage-item><name>PEM 0</name><state>Online</state>
          <pem-capacity-detail><capacity-actual>2050</capacity-actual></pem-capacity-detail>
          <dc-output-detail><dc-power>420</dc-power></dc-output-detail></power-usage-item>
      </power-usage-information>""");

  static final String STORAGE = reply("""
      <system-storage-information xmlns="http://xml.juniper.net/junos/22.4R1/junos" junos:style="brief">
        <filesystem><filesystem-name>/dev/gpt/junos</filesystem-name><total-blocks junos:format="2.0G">4194304</total-blocks>
          <used-blocks junos:format="1.0G">2097152</used-blocks><available-blocks junos:format="1.0G">2097152</available-blocks>
          <used-percent>50</used-percent><mounted-on>/.mount</mounted-on></filesystem>
      </system-storage-information>""");

  static final String ALARMS = reply("""
      <alarm-information xmlns="http://xml.juniper.net/junos/22.4R1/junos-alarm">
        <alarm-summary><active-alarm-count>1</active-alarm-count></alarm-summary>
        <alarm-detail><alarm-class>Minor</alarm-class><alarm-description>Rescue configuration is not set</alarm-description></alarm-detail>
      </alarm-information>""");

  /** A fake session that answers every request of a default poll. */
  static FakeNetconfClient fullDevice() {
    return new FakeNetconfClient()
        .answer(JunosNetconfCollector.DESCRIPTIONS_REQUEST, descriptions("to core1"))
        .answer(JunosNetconfCollector.LLDP_REQUEST, LLDP)
        .answer(JunosNetconfCollector.INSTANCES_REQUEST, INSTANCES)
        .answer(JunosNetconfCollector.INTERFACES_REQUEST, INTERFACES)
        .answer(JunosNetconfCollector.ROUTE_ENGINE_REQUEST, ROUTE_ENGINES)
        .answer(JunosNetconfCollector.ENVIRONMENT_REQUEST, ENVIRONMENT)
        .answer(JunosNetconfCollector.POWER_REQUEST, POWER)
        .answer(bgp("master"), BGP_MASTER)
        .answer(bgp("CUST-A"), BGP_CUST_A)
        .answer(JunosNetconfCollector.STORAGE_REQUEST, STORAGE)
        .answer(JunosNetconfCollector.ALARMS_REQUEST, ALARMS);
  }

  static String bgp(String instance) {
    return "<get-bgp-summary-information><instance>" + instance + "</instance></get-bgp-summary-information>";
  }
}
