package io.telemetry.simulate;

import java.util.List;
import java.util.Locale;

/**
 * Renders the slowly changing data: {@code show version} (the device's {@link DeviceSoftware},
 * by default an mx480 on Junos 21.4R3-S5.4, named by its device id),
 * {@code show interfaces descriptions} and {@code show lldp neighbors}. The first two interfaces face core routers: {@code ge-0/0/0} sees
 * {@code core1.sim} and {@code ge-0/0/1} sees {@code core2.sim}, each on its port
 * {@code xe-0/0/<device number>}, while the link is up (a neighbor ages out when it goes down).
 */
final class InventoryReplies {

  private InventoryReplies() {}

  /** {@code get-software-information} as Junos 15.1+ answers it: junos-version plus the package list. */
  static String softwareInformation(DeviceSnapshot device, DeviceSoftware software) {
    return new JunosXmlWriter(1024).open("software-information")
        .leaf("host-name", device.deviceId())
        .leaf("product-model", software.model())
        .leaf("product-name", software.model())
        .leaf("junos-version", software.junosVersion())
        .open("package-information")
        .leaf("name", "junos")
        .leaf("comment", "JUNOS Base OS boot [" + software.junosVersion() + "]")
        .close("package-information")
        .open("package-information")
        .leaf("name", "jkernel")
        .leaf("comment", "JUNOS OS Kernel 64-bit [20230921.7eb8e07_builder_stable_12]")
        .close("package-information")
        .close("software-information").toString();
  }

  static String descriptions(DeviceSnapshot device) {
    JunosXmlWriter xml = new JunosXmlWriter(256 + device.interfaces().size() * 256)
        .open("interface-information", "xmlns", JunosReplies.INTERFACE_NS, "junos:style", "description");
    for (DeviceSnapshot.Interface i : device.interfaces()) {
      xml.open("physical-interface")
          .leaf("name", i.name())
          .leaf("admin-status", "up")
          .leaf("oper-status", i.operUp() ? "up" : "down")
          .leaf("description", i.description())
          .close("physical-interface");
    }
    return xml.close("interface-information").toString();
  }

  /** The neighbor the interface at this position sees, or null. */
  static String neighborOf(int position) {
    return position < 2 ? "core" + (position + 1) + ".sim" : null;
  }

  static String lldpNeighbors(DeviceSnapshot device) {
    int number = (int) device.seed();
    JunosXmlWriter xml = new JunosXmlWriter(2048).open("lldp-neighbors-information", "junos:style", "brief");
    List<DeviceSnapshot.Interface> interfaces = device.interfaces();
    for (int position = 0; position < interfaces.size(); position++) {
      DeviceSnapshot.Interface i = interfaces.get(position);
      String neighbor = neighborOf(position);
      if (neighbor == null || !i.operUp()) {
        continue;
      }
      xml.open("lldp-neighbor-information")
          .leaf("lldp-local-port-id", i.name())
          .leaf("lldp-local-parent-interface-name", "-")
          .leaf("lldp-remote-chassis-id-subtype", "Mac address")
          .leaf("lldp-remote-chassis-id", String.format(Locale.ROOT, "02:00:00:00:%02x:%02x", position + 1, number & 0xff))
          .leaf("lldp-remote-port-id-subtype", "Interface name")
          .leaf("lldp-remote-port-id", "xe-0/0/" + number)
          .leaf("lldp-remote-port-description", "to " + device.deviceId() + " " + i.name())
          .leaf("lldp-remote-system-name", neighbor)
          .close("lldp-neighbor-information");
    }
    return xml.close("lldp-neighbors-information").toString();
  }
}
