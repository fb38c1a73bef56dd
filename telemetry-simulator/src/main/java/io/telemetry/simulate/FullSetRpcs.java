package io.telemetry.simulate;

import java.util.Optional;

/**
 * Answers the Junos RPCs beyond interfaces and route engines (environment, power, BGP, storage,
 * alarms, software version, interface descriptions, LLDP, routing instances) and the rpc-errors injected with
 * {@link DeviceFaults#failRpc}. {@link RpcHandler} asks it first.
 */
final class FullSetRpcs {

  private FullSetRpcs() {}

  /** The reply body, or empty when the request is not one of these. */
  static Optional<String> answer(SimulatedDevice device, RpcRequest request) {
    String operation = request.operation();
    if (!"close-session".equals(operation) && device.faults().rpcFails(operation)) {
      return Optional.of(JunosReplies.rpcError("protocol", "operation-failed",
          "simulated failure of " + operation + " on " + device.id(), null));
    }
    return switch (operation) {
      case "get-interface-information" -> request.options().containsKey("descriptions")
          ? Optional.of(InventoryReplies.descriptions(device.snapshot()))
          : Optional.empty();
      case "get-software-information" -> Optional.of(InventoryReplies.softwareInformation(device.snapshot(), device.software()));
      case "get-lldp-neighbors-information" -> Optional.of(InventoryReplies.lldpNeighbors(device.snapshot()));
      case "get-environment-information" ->
          Optional.of(ChassisReplies.environmentInformation(device.snapshot(), device.environmentStatuses()));
      case "get-power-usage-information-detail" ->
          Optional.of(ChassisReplies.powerUsage(device.snapshot(), device.environmentStatuses()));
      case "get-system-storage" -> Optional.of(ChassisReplies.systemStorage(device.snapshot()));
      case "get-alarm-information" -> Optional.of(ChassisReplies.alarmInformation(device.alarms()));
      case "get-instance-information" -> Optional.of(BgpReplies.instanceInformation(device.bgpInstances()));
      case "get-bgp-summary-information" -> {
        Optional<String> instance = Optional.ofNullable(request.options().get("instance")).filter(s -> !s.isBlank());
        yield Optional.of(BgpReplies.summary(device.bgpView(), device.bgpInstances(), instance)
            .orElseGet(() -> JunosReplies.rpcError("application", "invalid-value",
                "routing instance " + instance.orElse("") + " not found", "instance")));
      }
      default -> Optional.empty();
    };
  }
}
