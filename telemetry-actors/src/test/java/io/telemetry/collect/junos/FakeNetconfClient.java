package io.telemetry.collect.junos;

import io.telemetry.collect.CollectException;
import io.telemetry.collect.netconf.NetconfClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A NETCONF session that answers each operation with a scripted reply or failure. */
final class FakeNetconfClient implements NetconfClient {

  /** A scripted answer: a reply document, or a failure to throw. */
  sealed interface Answer permits Reply, Failure {}

  record Reply(String xml) implements Answer {}

  record Failure(CollectException exception) implements Answer {}

  record Request(String operationXml, Duration timeout) {}

  private final Map<String, Answer> answers = new HashMap<>();
  final List<Request> requests = new ArrayList<>();
  boolean closed;

  FakeNetconfClient answer(String operationXml, String replyXml) {
    answers.put(operationXml, new Reply(replyXml));
    return this;
  }

  FakeNetconfClient fail(String operationXml, CollectException exception) {
    answers.put(operationXml, new Failure(exception));
    return this;
  }

  @Override
  public String rpc(String operationXml, Duration timeout) throws CollectException {
    requests.add(new Request(operationXml, timeout));
    Answer answer = answers.get(operationXml);
    if (answer == null) {
      throw new AssertionError("unexpected request " + operationXml);
    }
    if (answer instanceof Failure failure) {
      throw failure.exception();
    }
    return ((Reply) answer).xml();
  }

  @Override
  public void close() {
    closed = true;
  }
}
