package io.telemetry.inventory.select;

import io.telemetry.inventory.select.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Splits a selector into tokens, each with its column. */
final class SelectorLexer {

  private static final Map<String, Kind> KEYWORDS = Map.of(
      "AND", Kind.AND, "OR", Kind.OR, "NOT", Kind.NOT, "LIKE", Kind.LIKE, "IN", Kind.IN, "MATCHES", Kind.MATCHES);

  private final String text;
  private int pos;

  private SelectorLexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    return new SelectorLexer(text).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      if (pos >= text.length()) {
        tokens.add(new Token(Kind.END, "", text.length() + 1));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    int start = pos;
    char c = text.charAt(pos);
    switch (c) {
      case '(' -> { pos++; return token(Kind.LPAREN, start); }
      case ')' -> { pos++; return token(Kind.RPAREN, start); }
      case ',' -> { pos++; return token(Kind.COMMA, start); }
      case '=' -> {
        pos++;
        if (peek('=')) {
          throw error(start, "'==' is not an operator; use '='");
        }
        return token(Kind.EQ, start);
      }
      case '!' -> {
        pos++;
        if (!peek('=')) {
          throw error(start, "'!' must be followed by '=' (use NOT to negate a condition)");
        }
        pos++;
        return token(Kind.NE, start);
      }
      case '<' -> {
        pos++;
        if (peek('=')) {
          pos++;
          return token(Kind.LE, start);
        }
        if (peek('>')) {
          pos++;
          return token(Kind.NE, start);
        }
        return token(Kind.LT, start);
      }
      case '>' -> {
        pos++;
        if (peek('=')) {
          pos++;
          return token(Kind.GE, start);
        }
        return token(Kind.GT, start);
      }
      case '"', '\'' -> {
        return string(c);
      }
      default -> {
        if (c == '-' || isDigit(c)) {
          return number();
        }
        if (Character.isLetter(c) || c == '_') {
          return word();
        }
        throw error(start, "unexpected character '" + c + "'");
      }
    }
  }

  private Token string(char quote) {
    int start = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == quote) {
        pos++;
        return new Token(Kind.STRING, value.toString(), start + 1);
      }
      if (c == '\\') {
        if (pos + 1 >= text.length()) {
          break;
        }
        char escaped = text.charAt(pos + 1);
        if (escaped != '\\' && escaped != '"' && escaped != '\'') {
          throw error(pos, "unknown escape '\\" + escaped + "' (only \\\\, \\\" and \\' are escapes)");
        }
        value.append(escaped);
        pos += 2;
        continue;
      }
      value.append(c);
      pos++;
    }
    throw error(start, "string is not closed: missing " + quote);
  }

  private Token number() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    int digits = pos;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      int fraction = pos;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos == fraction) {
        throw error(start, "number \"" + text.substring(start, pos) + "\" has no digits after '.'");
      }
    }
    if (pos == digits) {
      throw error(start, "'-' must start a number");
    }
    if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
      throw error(start, "\"" + text.substring(start, pos + 1) + "...\" is neither a number nor a field name"
          + " (field names start with a letter; quote text values)");
    }
    return new Token(Kind.NUMBER, text.substring(start, pos), start + 1);
  }

  /** A field name or keyword: a letter or '_', then letters, digits, '_', '.', '-'. */
  private Token word() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-') {
        pos++;
      } else {
        break;
      }
    }
    String word = text.substring(start, pos);
    Kind keyword = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
    return new Token(keyword == null ? Kind.IDENT : keyword, word, start + 1);
  }

  private Token token(Kind kind, int start) {
    return new Token(kind, text.substring(start, pos), start + 1);
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private SelectorSyntaxException error(int index, String reason) {
    return new SelectorSyntaxException(text, index + 1, reason);
  }
}
