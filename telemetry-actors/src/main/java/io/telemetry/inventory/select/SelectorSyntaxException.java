package io.telemetry.inventory.select;

/**
 * A selector that does not parse. The message names the 1-based column and shows the expression
 * with a caret under it, e.g.
 *
 * <pre>
 * selector column 24: expected a value after '=', found AND
 *   vendor = "juniper" AND = 5
 *                          ^
 * </pre>
 */
public final class SelectorSyntaxException extends IllegalArgumentException {

  private final String expression;
  private final int column;
  private final String reason;

  SelectorSyntaxException(String expression, int column, String reason) {
    super("selector column " + column + ": " + reason + "\n  " + expression + "\n  " + caret(expression, column));
    this.expression = expression;
    this.column = column;
    this.reason = reason;
  }

  /** The selector as written. */
  public String expression() {
    return expression;
  }

  /** 1-based column of the offending character; one past the end for "ended too soon". */
  public int column() {
    return column;
  }

  /** What is wrong, without the position (e.g. {@code expected ')' ...}). */
  public String reason() {
    return reason;
  }

  /** Keeps tabs as tabs so that the caret lines up under the column in a terminal. */
  private static String caret(String expression, int column) {
    StringBuilder pad = new StringBuilder();
    for (int i = 0; i < column - 1; i++) {
      pad.append(i < expression.length() && expression.charAt(i) == '\t' ? '\t' : ' ');
    }
    return pad.append('^').toString();
  }
}
