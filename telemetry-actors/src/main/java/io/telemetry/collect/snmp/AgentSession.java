package io.telemetry.collect.snmp;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.CollectException.Kind;
import io.telemetry.inventory.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.snmp4j.AbstractTarget;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * One device's SNMP session: an SNMP4J engine with its own UDP socket and, for v3, its own USM
 * holding only this target's user and protocols (so that targets sharing a user name with
 * different passphrases never mix). Requests are synchronous; the caller is the device actor's
 * blocking-I/O thread.
 */
final class AgentSession implements SnmpRequester, AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** REPORT PDUs that mean the USM refused us, with what to tell the operator. */
  private static final Map<OID, String> USM_REPORTS = Map.of(
      SnmpConstants.usmStatsUnknownUserNames, "unknown user (usmStatsUnknownUserNames)",
      SnmpConstants.usmStatsWrongDigests, "wrong auth-passphrase or auth-protocol (usmStatsWrongDigests)",
      SnmpConstants.usmStatsDecryptionErrors, "wrong priv-passphrase or priv-protocol (usmStatsDecryptionErrors)",
      SnmpConstants.usmStatsUnsupportedSecLevels, "security level not allowed for this user "
          + "(usmStatsUnsupportedSecLevels)",
      SnmpConstants.usmStatsNotInTimeWindows, "message outside the agent's time window (usmStatsNotInTimeWindows)",
      SnmpConstants.usmStatsUnknownEngineIDs, "unknown engine ID (usmStatsUnknownEngineIDs)");

  private final String device;
  private final String endpoint;
  private final SnmpSettings settings;
  private final Snmp snmp;
  private final AbstractTarget<UdpAddress> target;

  private AgentSession(String device, String endpoint, SnmpSettings settings, Snmp snmp,
      AbstractTarget<UdpAddress> target) {
    this.device = device;
    this.endpoint = endpoint;
    this.settings = settings;
    this.snmp = snmp;
    this.target = target;
  }

  /** Resolves the target's host and opens a UDP socket. Blocking (DNS). */
  static AgentSession open(Target device, SnmpSettings settings) throws CollectException {
    Objects.requireNonNull(device, "device");
    String endpoint = device.host() + ":" + settings.port() + "/udp";
    InetAddress address;
    try {
      address = InetAddress.getByName(device.host());
    } catch (UnknownHostException e) {
      throw new CollectException(device.id(), Kind.CONNECT, "cannot resolve SNMP agent host " + device.host()
          + ": " + e.getMessage(), true, e);
    }
    UdpAddress agent = new UdpAddress(address, settings.port());
    MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    AbstractTarget<UdpAddress> target;
    Snmp snmp;
    try {
      if (settings.usm().isPresent()) {
        SnmpSettings.Usm usm = settings.usm().get();
        USM userModel = userModel(usm);
        dispatcher.addMessageProcessingModel(new MPv3(userModel.getLocalEngineID().getValue(), null,
            userModel.getSecurityProtocols(), SecurityModels.getCollection(new SecurityModel[] {userModel}),
            CounterSupport.getInstance()));
        target = userTarget(agent, usm);
      } else {
        dispatcher.addMessageProcessingModel(new MPv2c());
        target = new CommunityTarget<>(agent, new OctetString(settings.community().orElseThrow()));
        target.setVersion(SnmpConstants.version2c);
      }
      snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping());
    } catch (IOException e) {
      throw new CollectException(device.id(), Kind.CONNECT, "cannot open a UDP socket for SNMP agent " + endpoint
          + ": " + e.getMessage(), true, e);
    }
    try {
      snmp.listen();
    } catch (IOException e) {
      closeQuietly(snmp);
      throw new CollectException(device.id(), Kind.CONNECT, "cannot open a UDP socket for SNMP agent " + endpoint
          + ": " + e.getMessage(), true, e);
    }
    target.setRetries(settings.retries());
    target.setTimeout(perTryTimeout(device.timeout(), settings.retries()).toMillis());
    return new AgentSession(device.id(), endpoint, settings, snmp, target);
  }

  /** The target's timeout covers one request with all its tries. */
  static Duration perTryTimeout(Duration requestTimeout, int retries) {
    return requestTimeout.dividedBy(retries + 1L);
  }

  private static USM userModel(SnmpSettings.Usm usm) {
    SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
    usm.auth().ifPresent(auth -> protocols.addAuthenticationProtocol(auth.protocol()));
    usm.priv().ifPresent(priv -> protocols.addPrivacyProtocol(priv.protocol()));
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    USM userModel = new USM(protocols, new OctetString(MPv3.createLocalEngineID(new OctetString(id))), 0);
    userModel.addUser(new UsmUser(new OctetString(usm.user()),
        usm.auth().map(a -> a.protocol().getID()).orElse(null),
        usm.authPassphrase().map(OctetString::new).orElse(null),
        usm.priv().map(p -> p.protocol().getID()).orElse(null),
        usm.privPassphrase().map(OctetString::new).orElse(null)));
    return userModel;
  }

  private static UserTarget<UdpAddress> userTarget(UdpAddress agent, SnmpSettings.Usm usm) {
    int level = usm.priv().isPresent() ? SecurityLevel.AUTH_PRIV
        : usm.auth().isPresent() ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.NOAUTH_NOPRIV;
    UserTarget<UdpAddress> target = new UserTarget<>();
    target.setAddress(agent);
    target.setSecurityName(new OctetString(usm.user()));
    target.setSecurityLevel(level);
    target.setVersion(SnmpConstants.version3);
    return target; // the agent's engine ID is discovered on the first request
  }

  @Override
  public String device() {
    return device;
  }

  @Override
  public PDU newPdu() {
    return settings.usm().isPresent() ? new ScopedPDU() : new PDU();
  }

  @Override
  public PDU send(PDU request, String what) throws CollectException {
    ResponseEvent<UdpAddress> event;
    try {
      event = snmp.send(request, target);
    } catch (IOException e) {
      throw new CollectException(device, Kind.SESSION_LOST, "cannot send " + what + " to SNMP agent " + endpoint
          + ": " + e.getMessage(), true, e);
    }
    if (event == null) {
      throw new CollectException(device, Kind.SESSION_LOST, "SNMP session to " + endpoint + " is closed", true);
    }
    if (event.getError() != null) {
      throw new CollectException(device, errorKind(event.getError()), what + " to SNMP agent " + endpoint
          + " failed: " + event.getError().getMessage(), false, event.getError());
    }
    PDU response = event.getResponse();
    if (response == null) {
      throw new CollectException(device, Kind.TIMEOUT, "no answer to " + what + " from SNMP agent " + endpoint
          + " within " + target.getTimeout() + " ms x " + (target.getRetries() + 1) + " tries"
          + (settings.usm().isEmpty() ? " (agent down, port filtered, or wrong community)"
              // Agents answer a wrong key with an unauthenticated report, which RFC 3412 7.2.11 has us ignore.
              : " (agent down, port filtered, or wrong auth/priv passphrase or protocol)"),
          true); // reopening resolves the host again, in case the device moved
    }
    if (response.getType() == PDU.REPORT) {
      throw report(response, what);
    }
    if (response.getErrorStatus() != PDU.noError) {
      String hint = response.getErrorStatus() == PDU.tooBig ? " (lower max-repetitions)" : "";
      throw new CollectException(device, Kind.RPC_ERROR, what + " refused by SNMP agent " + endpoint + ": "
          + response.getErrorStatusText() + " (error-status " + response.getErrorStatus() + ", error-index "
          + response.getErrorIndex() + ")" + hint, false);
    }
    return response;
  }

  private CollectException report(PDU response, String what) {
    // The report's first varbind is the USM counter (with its .0 instance) that rejected us.
    String reason = response.size() > 0 ? USM_REPORTS.get(response.get(0).getOid()) : null;
    if (reason != null) {
      return new CollectException(device, Kind.AUTH, "SNMP agent " + endpoint + " refused " + what + " for user "
          + settings.usm().map(SnmpSettings.Usm::user).orElse("?") + ": " + reason, false);
    }
    return new CollectException(device, Kind.RPC_ERROR, "SNMP agent " + endpoint + " answered " + what
        + " with a report: " + response.getVariableBindings(), false);
  }

  private static Kind errorKind(Exception error) {
    if (error instanceof org.snmp4j.MessageException message) {
      int status = message.getSnmp4jErrorStatus();
      if (status >= SnmpConstants.SNMPv3_USM_ERROR && status <= SnmpConstants.SNMPv3_USM_SECURITY_NAME_TOO_LONG) {
        return Kind.AUTH;
      }
    }
    return Kind.CONNECT;
  }

  @Override
  public void close() {
    closeQuietly(snmp);
  }

  private static void closeQuietly(Snmp snmp) {
    try {
      snmp.close();
    } catch (IOException | RuntimeException ignored) {
      // Closing a UDP socket cannot lose data; nothing to do.
    }
  }
}
