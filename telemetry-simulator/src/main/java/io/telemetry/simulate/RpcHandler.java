package io.telemetry.simulate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;

/** Answers one rpc of a simulated device the way Junos would. */
final class RpcHandler {

  private RpcHandler() {}

  static Reply handle(SimulatedDevice device, String message) {
    RpcRequest request;
    try {
      request = RpcRequest.parse(message);
    } catch (XMLStreamException | IllegalArgumentException e) {
      return new Reply(JunosReplies.rpcReply(null, JunosReplies.rpcError("rpc", "malformed-message",
          "syntax error: " + e.getMessage(), null)), false);
    }
    String id = request.messageId();
    Optional<String> more = FullSetRpcs.answer(device, request);
    if (more.isPresent()) {
      return new Reply(JunosReplies.rpcReply(id, more.get()), false);
    }
    return switch (request.operation()) {
      case "get-interface-information" -> new Reply(JunosReplies.rpcReply(id, interfaces(device, request.options())), false);
      case "get-route-engine-information" ->
          new Reply(JunosReplies.rpcReply(id, JunosReplies.routeEngineInformation(device.snapshot())), false);
      case "close-session" -> new Reply(JunosReplies.rpcReply(id, JunosReplies.ok()), true);
      default -> new Reply(JunosReplies.rpcReply(id, JunosReplies.rpcError("protocol", "operation-not-supported",
          "syntax error, expecting <rpc> or </rpc>: " + request.operation() + " is not supported by this device",
          request.operation())), false);
    };
  }

  private static String interfaces(SimulatedDevice device, Map<String, String> options) {
    JunosReplies.Detail detail = options.containsKey("extensive") ? JunosReplies.Detail.EXTENSIVE
        : options.containsKey("detail") ? JunosReplies.Detail.DETAIL
        : JunosReplies.Detail.NORMAL;
    DeviceSnapshot snapshot = device.snapshot();
    String filter = options.get("interface-name");
    List<DeviceSnapshot.Interface> selected = JunosReplies.select(snapshot, filter);
    if (selected.isEmpty()) {
      return JunosReplies.rpcError("protocol", "operation-failed", "device " + filter + " not found", null);
    }
    return JunosReplies.interfaceInformation(snapshot, selected, detail);
  }
}
