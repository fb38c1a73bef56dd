package io.telemetry.inventory.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Descriptions written in each vendor's documented format. */
class SysDescrParserTest {

  @Test
  void junosNamesTheModelAndTheRelease() {
    assertEquals(Map.of("model", "mx480", "os", "junos", "os_version", "12.2R1.3"), SysDescrParser.parse("juniper",
        "Juniper Networks, Inc. mx480 internet router, kernel JUNOS 12.2R1.3, Build date: 2012-05-26 08:07:43 UTC "
            + "Copyright (c) 1996-2012 Juniper Networks, Inc."));
    assertEquals(Map.of("model", "ex4300-48t", "os", "junos", "os_version", "18.4R2-S3.4"), SysDescrParser.parse(
        "juniper", "Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 18.4R2-S3.4, Build date: x"));
  }

  @Test
  void ciscoFamiliesAndVersions() {
    assertEquals(Map.of("os", "nx-os", "os_version", "6.2(8)"), SysDescrParser.parse("cisco",
        "Cisco NX-OS(tm) n7000, Software (n7000-s1-dk9), Version 6.2(8), RELEASE SOFTWARE Copyright (c) 2002-2013"));
    assertEquals(Map.of("os", "ios-xr", "os_version", "6.1.4"), SysDescrParser.parse("cisco",
        "Cisco IOS XR Software (Cisco ASR9K Series),  Version 6.1.4[Default]\r\nCopyright (c) 2017 by Cisco Systems"));
    assertEquals(Map.of("os", "ios-xe", "os_version", "16.9.4"), SysDescrParser.parse("cisco",
        "Cisco IOS Software [Fuji], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.9.4, "
            + "RELEASE SOFTWARE (fc2) IOS-XE"));
  }

  @Test
  void otherVendors() {
    assertEquals(Map.of("os", "eos", "os_version", "4.24.2F", "model", "DCS-7280SR-48C6"), SysDescrParser.parse(
        "arista", "Arista Networks EOS version 4.24.2F running on an Arista Networks DCS-7280SR-48C6"));
    assertEquals(Map.of("os", "sros", "os_version", "20.10.R3", "model", "7750 SR"), SysDescrParser.parse("nokia",
        "TiMOS-C-20.10.R3 cpm/hops64 Nokia 7750 SR Copyright (c) 2000-2020 Nokia.\r\nAll rights reserved."));
    assertEquals(Map.of("os", "vrp", "os_version", "8.180", "model", "NE40E"), SysDescrParser.parse("huawei",
        "Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 8.180 (NE40E V800R011C00SPC200)\r\n"
            + "Copyright (C) 2012-2018 Huawei Technologies Co., Ltd."));
    assertEquals(Map.of("os", "linux", "os_version", "6.1.0-18-amd64"), SysDescrParser.parse("net-snmp",
        "Linux web1 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64"));
  }

  @Test
  void unknownFormatsYieldNothingRatherThanAGuess() {
    assertEquals(Map.of(), SysDescrParser.parse("juniper", "something else entirely"));
    assertEquals(Map.of(), SysDescrParser.parse("cisco", "Cisco Adaptive Security Appliance"));
    assertEquals(Map.of(), SysDescrParser.parse("meraki", "Meraki MS220-8P Cloud Managed Switch"));
    assertEquals(Map.of(), SysDescrParser.parse("12345", "Linux x 1.0"));
  }
}
