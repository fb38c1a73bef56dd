package io.telemetry.collect.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

/** Hello and rpc-reply reading, on hand-written messages shaped like Junos'. */
class NetconfMessagesTest {

  @Test
  void readsAJunosHelloWithCommentsAndWhitespace() throws Exception {
    String hello = "\n<!-- No zombies were killed during the creation of this user interface -->\n"
        + "<!-- user ops, class j-read-only -->\n"
        + "<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\">\n  <capabilities>\n"
        + "    <capability>\n urn:ietf:params:netconf:base:1.0 \n</capability>\n"
        + "    <capability>urn:ietf:params:netconf:base:1.1</capability>\n"
        + "    <capability>http://xml.juniper.net/netconf/junos/1.0</capability>\n"
        + "  </capabilities>\n  <session-id>4711</session-id>\n</hello>\n";
    NetconfHello parsed = NetconfHello.parse(hello);
    assertTrue(parsed.supportsBase10());
    assertTrue(parsed.supportsBase11());
    assertEquals(OptionalLong.of(4711), parsed.sessionId());
    assertEquals(3, parsed.capabilities().size());
  }

  @Test
  void readsAHelloWithoutNamespaceOrBase11() throws Exception {
    NetconfHello parsed = NetconfHello.parse(
        "<hello><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>");
    assertTrue(parsed.supportsBase10());
    assertFalse(parsed.supportsBase11());
    assertTrue(parsed.sessionId().isEmpty());
  }

  @Test
  void rejectsWhatIsNotAHello() {
    assertThrows(IllegalArgumentException.class, () -> NetconfHello.parse("<rpc-reply/>"));
    assertThrows(IllegalArgumentException.class, () -> NetconfHello.parse("<hello><capabilities/></hello>"));
    assertThrows(XMLStreamException.class, () -> NetconfHello.parse("<hello><capabilities>"));
  }

  @Test
  void ourHelloAdvertisesBothBaseVersionsAndNoSessionId() throws Exception {
    NetconfHello ours = NetconfHello.parse(NetconfHello.clientHello());
    assertTrue(ours.supportsBase10() && ours.supportsBase11());
    assertTrue(ours.sessionId().isEmpty());
  }

  @Test
  void readsMessageIdAndSeparatesErrorsFromWarnings() throws Exception {
    String reply = "<?xml version=\"1.0\"?>\n<rpc-reply xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\""
        + " xmlns:junos=\"http://xml.juniper.net/junos/21.4R0/junos\" message-id=\"7\">\n"
        + "<rpc-error>\n<error-type>\nprotocol\n</error-type>\n<error-tag>operation-failed</error-tag>\n"
        + "<error-severity>\nwarning\n</error-severity>\n<error-message>\nstatistics may be stale\n</error-message>\n"
        + "</rpc-error>\n"
        + "<interface-information><physical-interface><name>ge-0/0/0</name></physical-interface></interface-information>\n"
        + "<rpc-error><error-type>application</error-type><error-tag>operation-failed</error-tag>"
        + "<error-severity>error</error-severity><error-info><bad-element>foo</bad-element></error-info>"
        + "<error-message>device foo not found</error-message></rpc-error>\n"
        + "</rpc-reply>\n";
    RpcReply parsed = RpcReply.parse(reply);
    assertEquals(Optional.of("7"), parsed.messageId());
    assertEquals(2, parsed.errors().size());
    assertEquals(List.of(new RpcReply.RpcError("application", "operation-failed", "error", "device foo not found")),
        parsed.failures());
    assertEquals("statistics may be stale", parsed.errors().get(0).message());
  }

  @Test
  void aReplyWithOnlyWarningsHasNoFailures() throws Exception {
    RpcReply parsed = RpcReply.parse("<rpc-reply message-id=\"1\"><rpc-error><error-severity>warning</error-severity>"
        + "</rpc-error><ok/></rpc-reply>");
    assertTrue(parsed.failures().isEmpty());
  }

  @Test
  void rejectsTruncatedXmlAndOtherRoots() {
    assertThrows(XMLStreamException.class,
        () -> RpcReply.parse("<rpc-reply message-id=\"1\"><interface-information><physical-inter"));
    assertThrows(XMLStreamException.class, () -> RpcReply.parse("% error: not XML"));
    assertThrows(IllegalArgumentException.class, () -> RpcReply.parse("<notification/>"));
  }

  @Test
  void refusesDoctypesSoNoEntityCanBeExpanded() {
    assertThrows(XMLStreamException.class, () -> RpcReply.parse(
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rpc-reply message-id=\"1\">&x;</rpc-reply>"));
  }

  @Test
  void namesTheOperationOfAnRpc() {
    assertEquals("get-interface-information",
        SshNetconfClient.operationName("<get-interface-information><extensive/></get-interface-information>"));
    assertEquals("junos:get-config", SshNetconfClient.operationName("  <junos:get-config/>"));
  }
}
