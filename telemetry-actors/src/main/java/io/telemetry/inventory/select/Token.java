package io.telemetry.inventory.select;

/**
 * One lexical token of a selector.
 *
 * @param column 1-based column of its first character
 * @param text   as written, for error messages; for a string its unescaped value
 */
record Token(Kind kind, String text, int column) {

  enum Kind {
    IDENT, STRING, NUMBER, LPAREN, RPAREN, COMMA,
    EQ, NE, LT, LE, GT, GE,
    AND, OR, NOT, LIKE, IN, MATCHES,
    END
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case END -> "end of input";
      case STRING -> "string \"" + text + "\"";
      case IDENT -> "'" + text + "'";
      case AND, OR, NOT, LIKE, IN, MATCHES -> kind.name();
      default -> "'" + text + "'";
    };
  }
}
