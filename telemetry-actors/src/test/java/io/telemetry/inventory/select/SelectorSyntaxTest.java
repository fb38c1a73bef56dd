package io.telemetry.inventory.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every broken selector is refused naming the column where it breaks (columns counted by hand). */
class SelectorSyntaxTest {

  private static SelectorSyntaxException refused(String expression) {
    return assertThrows(SelectorSyntaxException.class, () -> Selector.parse(expression));
  }

  private static void refusedAt(String expression, int column, String reasonPart) {
    SelectorSyntaxException e = refused(expression);
    assertEquals(column, e.column(), () -> "column of: " + e.getMessage());
    assertTrue(e.reason().contains(reasonPart), () -> "reason should contain \"" + reasonPart + "\": " + e.getMessage());
    assertEquals(expression, e.expression());
  }

  @Test
  void theMessageShowsTheExpressionWithACaretUnderTheColumn() {
    SelectorSyntaxException e = refused("vendor = \"juniper\" AND = 5");
    assertEquals("""
        selector column 24: expected a field name, NOT or '(', found '='
          vendor = "juniper" AND = 5
                                 ^""", e.getMessage());
  }

  @Test
  void aValueIsMissing() {
    refusedAt("vendor = ", 10, "expected a value");
    refusedAt("vendor = AND site = \"x\"", 10, "found AND");
  }

  @Test
  void anInListIsNotClosed() {
    refusedAt("site IN (\"ams1\", \"fra2\"", 24, "IN list opened at column 9, found end of input");
    refusedAt("site IN \"ams1\"", 9, "expected '(' after IN");
    refusedAt("site IN (\"ams1\",)", 17, "expected a value");
  }

  @Test
  void aStringIsNotClosed() {
    refusedAt("vendor = \"juniper", 10, "string is not closed");
    refusedAt("vendor = 'juniper", 10, "string is not closed");
  }

  @Test
  void aParenthesisIsNotClosedOrNotOpened() {
    refusedAt("(vendor = \"a\" OR site = \"b\"", 28, "expected ')' to close the '(' at column 1");
    refusedAt("vendor = \"x\")", 13, "')' has no matching '('");
  }

  @Test
  void likeAndMatchesNeedAString() {
    refusedAt("vendor LIKE 12", 13, "expected a \"string\" after LIKE");
    refusedAt("name MATCHES \"(unclosed\"", 14, "not a valid regular expression");
  }

  @Test
  void orderingsCompareNumbersOnly() {
    refusedAt("os_version > \"12.2\"", 14, "'>' compares numbers");
  }

  @Test
  void twoConditionsNeedAConnective() {
    refusedAt("vendor = \"a\" site = \"b\"", 14, "expected AND, OR or the end, found 'site'");
    refusedAt("vendor = \"a\" AND", 17, "found end of input");
  }

  @Test
  void wrongOperators() {
    refusedAt("vendor == \"x\"", 8, "'==' is not an operator");
    refusedAt("vendor NOT = \"x\"", 12, "expected LIKE, IN or MATCHES after NOT");
    refusedAt("vendor ! \"x\"", 8, "'!' must be followed by '='");
    refusedAt("vendor \"x\"", 8, "expected an operator");
    refusedAt("vendor = \"x\" AND site ~ \"y\"", 23, "unexpected character '~'");
  }

  @Test
  void badLiterals() {
    refusedAt("port = 8.", 8, "no digits after '.'");
    refusedAt("port = 12ab", 8, "neither a number nor a field name");
    refusedAt("vendor = \"a\\nb\"", 12, "unknown escape");
  }

  @Test
  void anEmptySelectorIsRefused() {
    refusedAt("", 1, "empty");
    refusedAt("   ", 4, "empty");
  }
}
