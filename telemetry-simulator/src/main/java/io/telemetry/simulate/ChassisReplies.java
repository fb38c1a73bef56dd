package io.telemetry.simulate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Renders the chassis replies of a simulated MX-like box: {@code get-environment-information}
 * (power supplies, routing engine, control board and line card sensors, one fan tray),
 * {@code get-power-usage-information-detail}, {@code get-system-storage} and
 * {@code get-alarm-information}. Readings drift a little every 10 s around per-device levels.
 */
final class ChassisReplies {

  static final String CHASSIS_NS = JunosReplies.CHASSIS_NS;
  static final String ALARM_NS = "http://xml.juniper.net/junos/" + JunosReplies.JUNOS_RELEASE + "/junos-alarm";
  private static final DateTimeFormatter JUNOS_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** An environment item: Junos names the class on the first item of each block only. */
  private record Item(String name, String junosClass, int celsius, boolean fan) {}

  private ChassisReplies() {}

  private static List<Item> items(DeviceSnapshot device) {
    SplittableRandom level = new SplittableRandom(device.seed() * 6151L);
    SplittableRandom wobble = new SplittableRandom(device.seed() * 6151L + device.nowEpochMillis() / 10_000 * 7_919L);
    int base = 26 + level.nextInt(8);
    return List.of(
        new Item("PEM 0", "Power", base + 8 + wobble.nextInt(2), false),
        new Item("PEM 1", null, base + 9 + wobble.nextInt(2), false),
        new Item("Routing Engine 0", "Temp", base + 6 + wobble.nextInt(2), false),
        new Item("Routing Engine 0 CPU", null, base + 12 + wobble.nextInt(3), false),
        new Item("CB 0 Intake Temp Sensor", null, base + wobble.nextInt(2), false),
        new Item("CB 0 Exhaust Temp Sensor", null, base + 7 + wobble.nextInt(2), false),
        new Item("FPC 0 Intake", null, base + 1 + wobble.nextInt(2), false),
        new Item("FPC 0 Exhaust A", null, base + 15 + wobble.nextInt(3), false),
        new Item("Fan Tray 0 Fan 0", "Fans", 0, true),
        new Item("Fan Tray 0 Fan 1", null, 0, true),
        new Item("Fan Tray 0 Fan 2", null, 0, true),
        new Item("Fan Tray 0 Fan 3", null, 0, true));
  }

  static String environmentInformation(DeviceSnapshot device, Map<String, String> statuses) {
    JunosXmlWriter xml = new JunosXmlWriter(4096).open("environment-information", "xmlns", CHASSIS_NS);
    for (Item item : items(device)) {
      String status = statuses.getOrDefault(item.name(), "OK");
      xml.open("environment-item").leaf("name", item.name());
      if (item.junosClass() != null) {
        xml.leaf("class", item.junosClass());
      }
      xml.leaf("status", status);
      if (!"Absent".equals(status)) {
        if (item.fan()) {
          xml.leaf("comment", "OK".equals(status) ? "Spinning at normal speed" : "Failed");
        } else {
          xml.leaf("temperature", "junos:celsius", Integer.toString(item.celsius()),
              item.celsius() + " degrees C / " + Math.round(item.celsius() * 9 / 5.0 + 32) + " degrees F");
        }
      }
      xml.close("environment-item");
    }
    return xml.close("environment-information").toString();
  }

  static String powerUsage(DeviceSnapshot device, Map<String, String> statuses) {
    SplittableRandom wobble = new SplittableRandom(device.seed() * 4111L + device.nowEpochMillis() / 10_000 * 7_919L);
    JunosXmlWriter xml = new JunosXmlWriter(2048).open("power-usage-information", "xmlns", CHASSIS_NS);
    int total = 0;
    for (String pem : List.of("PEM 0", "PEM 1")) {
      xml.open("power-usage-item").leaf("name", pem);
      if ("Absent".equals(statuses.get(pem))) {
        xml.leaf("state", "Empty").leaf("status", "Absent").close("power-usage-item");
        continue;
      }
      int watts = "OK".equals(statuses.getOrDefault(pem, "OK")) ? 300 + (int) (device.seed() % 50) + wobble.nextInt(20) : 0;
      total += watts;
      xml.leaf("state", watts > 0 ? "Online" : "Offline")
          .open("pem-capacity-detail").leaf("capacity-actual", 2050).leaf("capacity-max", 2050).close("pem-capacity-detail")
          .open("dc-output-detail").leaf("dc-power", watts).leaf("zone", 0)
          .leaf("dc-current", watts / 52).leaf("dc-voltage", 52).leaf("dc-load", watts * 100 / 2050)
          .close("dc-output-detail")
          .close("power-usage-item");
    }
    return xml.open("power-usage-system")
        .open("power-usage-zone-information").leaf("zone", 0).leaf("capacity-actual", 4100)
        .leaf("capacity-actual-usage", total).close("power-usage-zone-information")
        .leaf("capacity-sys-actual", 4100).leaf("capacity-sys-max", 4100).leaf("capacity-sys-remaining", 4100 - total)
        .close("power-usage-system")
        .close("power-usage-information").toString();
  }

  /** {@code show system storage}: sizes in 512-byte blocks, with the rounded size in {@code junos:format}. */
  static String systemStorage(DeviceSnapshot device) {
    SplittableRandom level = new SplittableRandom(device.seed() * 2273L);
    JunosXmlWriter xml = new JunosXmlWriter(2048).open("system-storage-information", "xmlns", JunosReplies.JUNOS_NS,
        "junos:style", "brief");
    filesystem(xml, "/dev/gpt/junos", "/.mount", 41_803_904L, 0.10 + level.nextDouble() * 0.5);
    filesystem(xml, "/dev/gpt/var", "/.mount/var", 83_607_808L, 0.05 + level.nextDouble() * 0.3);
    filesystem(xml, "tmpfs", "/.mount/tmp", 2_097_152L, level.nextDouble() * 0.05);
    return xml.close("system-storage-information").toString();
  }

  private static void filesystem(JunosXmlWriter xml, String name, String mount, long blocks, double usedShare) {
    long used = (long) (blocks * usedShare);
    xml.open("filesystem")
        .leaf("filesystem-name", name)
        .leaf("total-blocks", "junos:format", human(blocks), Long.toString(blocks))
        .leaf("used-blocks", "junos:format", human(used), Long.toString(used))
        .leaf("available-blocks", "junos:format", human(blocks - used), Long.toString(blocks - used))
        .leaf("used-percent", " " + Math.round(usedShare * 100))
        .leaf("mounted-on", mount)
        .close("filesystem");
  }

  private static String human(long blocks) {
    double bytes = blocks * 512.0;
    String[] units = {"B", "K", "M", "G", "T"};
    int u = 0;
    while (bytes >= 1024 && u < units.length - 1) {
      bytes /= 1024;
      u++;
    }
    return (bytes < 10 && u > 0 ? String.format(Locale.ROOT, "%.1f", bytes) : Long.toString(Math.round(bytes))) + units[u];
  }

  static String alarmInformation(List<ChassisState.Alarm> alarms) {
    JunosXmlWriter xml = new JunosXmlWriter(1024).open("alarm-information", "xmlns", ALARM_NS).open("alarm-summary");
    if (alarms.isEmpty()) {
      xml.empty("no-active-alarms");
    } else {
      xml.leaf("active-alarm-count", alarms.size());
    }
    xml.close("alarm-summary");
    for (ChassisState.Alarm alarm : alarms) {
      Instant since = alarm.since();
      xml.open("alarm-detail")
          .leaf("alarm-time", "junos:seconds", Long.toString(since.getEpochSecond()), JUNOS_TIME.format(since))
          .leaf("alarm-class", alarm.alarmClass())
          .leaf("alarm-description", alarm.description())
          .leaf("alarm-short-description", alarm.description())
          .leaf("alarm-type", "Chassis")
          .close("alarm-detail");
    }
    return xml.close("alarm-information").toString();
  }
}
