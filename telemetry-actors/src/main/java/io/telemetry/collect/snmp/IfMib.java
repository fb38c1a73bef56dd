package io.telemetry.collect.snmp;

import java.util.List;
import org.snmp4j.smi.OID;

/** The IF-MIB (RFC 2863) and SNMPv2-MIB objects the collector reads, by their numeric OIDs. */
final class IfMib {

  private IfMib() {}

  /** SNMPv2-MIB::sysUpTime.0, hundredths of a second since the agent (re)started. */
  static final OID SYS_UP_TIME = new OID("1.3.6.1.2.1.1.3.0");

  /** A column of a table: its name (for messages) and OID. */
  record Column(String name, OID oid) {
    Column(String name, String oid) {
      this(name, new OID(oid));
    }
  }

  /** A table: its name (for messages) and the columns walked. */
  record Table(String name, List<Column> columns) {}

  private static final String IF_ENTRY = "1.3.6.1.2.1.2.2.1.";
  static final Column IF_DESCR = new Column("ifDescr", IF_ENTRY + "2");
  static final Column IF_SPEED = new Column("ifSpeed", IF_ENTRY + "5");
  static final Column IF_ADMIN_STATUS = new Column("ifAdminStatus", IF_ENTRY + "7");
  static final Column IF_OPER_STATUS = new Column("ifOperStatus", IF_ENTRY + "8");
  static final Column IF_IN_OCTETS = new Column("ifInOctets", IF_ENTRY + "10");
  static final Column IF_IN_UCAST_PKTS = new Column("ifInUcastPkts", IF_ENTRY + "11");
  static final Column IF_IN_NUCAST_PKTS = new Column("ifInNUcastPkts", IF_ENTRY + "12");
  static final Column IF_IN_DISCARDS = new Column("ifInDiscards", IF_ENTRY + "13");
  static final Column IF_IN_ERRORS = new Column("ifInErrors", IF_ENTRY + "14");
  static final Column IF_OUT_OCTETS = new Column("ifOutOctets", IF_ENTRY + "16");
  static final Column IF_OUT_UCAST_PKTS = new Column("ifOutUcastPkts", IF_ENTRY + "17");
  static final Column IF_OUT_NUCAST_PKTS = new Column("ifOutNUcastPkts", IF_ENTRY + "18");
  static final Column IF_OUT_DISCARDS = new Column("ifOutDiscards", IF_ENTRY + "19");
  static final Column IF_OUT_ERRORS = new Column("ifOutErrors", IF_ENTRY + "20");

  static final Table IF_TABLE = new Table("IF-MIB::ifTable", List.of(IF_DESCR, IF_SPEED, IF_ADMIN_STATUS,
      IF_OPER_STATUS, IF_IN_OCTETS, IF_IN_UCAST_PKTS, IF_IN_NUCAST_PKTS, IF_IN_DISCARDS, IF_IN_ERRORS,
      IF_OUT_OCTETS, IF_OUT_UCAST_PKTS, IF_OUT_NUCAST_PKTS, IF_OUT_DISCARDS, IF_OUT_ERRORS));

  private static final String IFX_ENTRY = "1.3.6.1.2.1.31.1.1.1.";
  static final Column IF_NAME = new Column("ifName", IFX_ENTRY + "1");
  static final Column IF_IN_MULTICAST_PKTS = new Column("ifInMulticastPkts", IFX_ENTRY + "2");
  static final Column IF_IN_BROADCAST_PKTS = new Column("ifInBroadcastPkts", IFX_ENTRY + "3");
  static final Column IF_OUT_MULTICAST_PKTS = new Column("ifOutMulticastPkts", IFX_ENTRY + "4");
  static final Column IF_OUT_BROADCAST_PKTS = new Column("ifOutBroadcastPkts", IFX_ENTRY + "5");
  static final Column IF_HC_IN_OCTETS = new Column("ifHCInOctets", IFX_ENTRY + "6");
  static final Column IF_HC_IN_UCAST_PKTS = new Column("ifHCInUcastPkts", IFX_ENTRY + "7");
  static final Column IF_HC_IN_MULTICAST_PKTS = new Column("ifHCInMulticastPkts", IFX_ENTRY + "8");
  static final Column IF_HC_IN_BROADCAST_PKTS = new Column("ifHCInBroadcastPkts", IFX_ENTRY + "9");
  static final Column IF_HC_OUT_OCTETS = new Column("ifHCOutOctets", IFX_ENTRY + "10");
  static final Column IF_HC_OUT_UCAST_PKTS = new Column("ifHCOutUcastPkts", IFX_ENTRY + "11");
  static final Column IF_HC_OUT_MULTICAST_PKTS = new Column("ifHCOutMulticastPkts", IFX_ENTRY + "12");
  static final Column IF_HC_OUT_BROADCAST_PKTS = new Column("ifHCOutBroadcastPkts", IFX_ENTRY + "13");
  static final Column IF_HIGH_SPEED = new Column("ifHighSpeed", IFX_ENTRY + "15");
  static final Column IF_ALIAS = new Column("ifAlias", IFX_ENTRY + "18");
  static final Column IF_COUNTER_DISCONTINUITY_TIME = new Column("ifCounterDiscontinuityTime", IFX_ENTRY + "19");

  static final Table IF_X_TABLE = new Table("IF-MIB::ifXTable", List.of(IF_NAME, IF_IN_MULTICAST_PKTS,
      IF_IN_BROADCAST_PKTS, IF_OUT_MULTICAST_PKTS, IF_OUT_BROADCAST_PKTS, IF_HC_IN_OCTETS, IF_HC_IN_UCAST_PKTS,
      IF_HC_IN_MULTICAST_PKTS, IF_HC_IN_BROADCAST_PKTS, IF_HC_OUT_OCTETS, IF_HC_OUT_UCAST_PKTS,
      IF_HC_OUT_MULTICAST_PKTS, IF_HC_OUT_BROADCAST_PKTS, IF_HIGH_SPEED, IF_ALIAS, IF_COUNTER_DISCONTINUITY_TIME));
}
