package io.telemetry.simulate;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Behaviour switches of one simulated device, flipped at run time from any thread. They stay
 * set until changed or {@link #clear() cleared}. One-off events (disconnect now, reboot,
 * re-created interface, link down) are methods of {@link SimulatedDevice}.
 */
public final class DeviceFaults {

  /** How replies are broken on purpose. */
  public enum MalformedReply {
    /** Proper replies. */
    NONE,
    /** A properly framed message that is not XML at all. */
    NOT_XML,
    /** A properly framed message holding the first part of the real reply only. */
    TRUNCATED_XML
  }

  private volatile Duration replyLatency = Duration.ZERO;
  private volatile MalformedReply malformedReplies = MalformedReply.NONE;
  private volatile boolean rejectPassword;
  private final AtomicBoolean disconnectOnNextRequest = new AtomicBoolean();
  private final Set<String> failingRpcs = ConcurrentHashMap.newKeySet();

  /** Every reply is sent this much later than it is ready. */
  public DeviceFaults replyLatency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, was " + latency);
    }
    this.replyLatency = latency;
    return this;
  }

  public Duration replyLatency() {
    return replyLatency;
  }

  /** Replies to RPCs (not the hello) are broken this way. */
  public DeviceFaults malformedReplies(MalformedReply mode) {
    this.malformedReplies = Objects.requireNonNull(mode, "mode");
    return this;
  }

  public MalformedReply malformedReplies() {
    return malformedReplies;
  }

  /** The configured password stops working (as after a password change on the box). */
  public DeviceFaults rejectPassword(boolean reject) {
    this.rejectPassword = reject;
    return this;
  }

  public boolean rejectPassword() {
    return rejectPassword;
  }

  /** The next RPC received (on any session) drops its SSH session instead of being answered. */
  public DeviceFaults disconnectOnNextRequest() {
    disconnectOnNextRequest.set(true);
    return this;
  }

  /** True once per arming of {@link #disconnectOnNextRequest()}. */
  boolean takeDisconnectOnNextRequest() {
    return disconnectOnNextRequest.compareAndSet(true, false);
  }

  /** Requests of this operation (e.g. {@code get-system-storage}) get an rpc-error; the session stays usable. */
  public DeviceFaults failRpc(String operation, boolean fail) {
    if (fail) {
      failingRpcs.add(operation);
    } else {
      failingRpcs.remove(operation);
    }
    return this;
  }

  public boolean rpcFails(String operation) {
    return failingRpcs.contains(operation);
  }

  /** Back to a healthy device. */
  public DeviceFaults clear() {
    replyLatency = Duration.ZERO;
    malformedReplies = MalformedReply.NONE;
    rejectPassword = false;
    disconnectOnNextRequest.set(false);
    failingRpcs.clear();
    return this;
  }
}
