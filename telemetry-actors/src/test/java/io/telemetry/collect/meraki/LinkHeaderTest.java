package io.telemetry.collect.meraki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

  private static final URI REQUEST = URI.create("https://api.meraki.com/api/v1/networks/N_1/clients?perPage=3");

  @Test
  void findsNextAmongMerakisLinks() {
    String header = "<https://api.meraki.com/api/v1/networks/N_1/clients?perPage=3>; rel=first,"
        + " <https://api.meraki.com/api/v1/networks/N_1/clients?perPage=3&startingAfter=k3>; rel=next,"
        + " <https://api.meraki.com/api/v1/networks/N_1/clients?perPage=3&endingBefore=zzz>; rel=last";
    assertEquals(Optional.of(URI.create("https://api.meraki.com/api/v1/networks/N_1/clients?perPage=3&startingAfter=k3")),
        LinkHeader.next(List.of(header), REQUEST));
  }

  @Test
  void readsQuotedAndSeveralRelsSeveralHeadersAndRelativeTargets() {
    assertEquals(Optional.of(URI.create("https://api.meraki.com/api/v1/networks/N_1/clients?startingAfter=a,b")),
        LinkHeader.next(List.of("<?startingAfter=a,b>; title=\"x, y\"; REL=\"prev next\""), REQUEST));
    assertEquals(Optional.of(URI.create("https://api.meraki.com/x?p=2")),
        LinkHeader.next(List.of("</first>; rel=first", "</x?p=2>; rel=next"), REQUEST));
  }

  @Test
  void theLastPageHasNoNext() {
    assertEquals(Optional.empty(), LinkHeader.next(List.of("<https://a/b>; rel=first, <https://a/c>; rel=prev"), REQUEST));
    assertEquals(Optional.empty(), LinkHeader.next(List.of(), REQUEST));
    assertEquals(Optional.empty(), LinkHeader.next(List.of("garbage"), REQUEST));
  }
}
