package io.telemetry.inventory.select;

import io.telemetry.inventory.select.Condition.Comparison;
import io.telemetry.inventory.select.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive descent over the grammar in docs/selectors.md, one method per rule. Hand-written
 * rather than generated (ANTLR, JavaCC): the grammar is a dozen lines, a generator would add a
 * build plugin and a runtime library for it, and here every error can name the exact column of
 * the offending token and say what was expected there.
 */
final class SelectorParser {

  private final String text;
  private final List<Token> tokens;
  private int next;

  private SelectorParser(String text) {
    this.text = text;
    this.tokens = SelectorLexer.tokens(text);
  }

  static Condition parse(String text) {
    SelectorParser parser = new SelectorParser(text);
    if (parser.peek().kind() == Kind.END) {
      throw parser.error(parser.peek(), "the selector is empty");
    }
    Condition condition = parser.or();
    Token end = parser.peek();
    if (end.kind() == Kind.RPAREN) {
      throw parser.error(end, "')' has no matching '('");
    }
    if (end.kind() != Kind.END) {
      throw parser.error(end, "expected AND, OR or the end, found " + end.describe());
    }
    return condition;
  }

  // or := and (OR and)*
  private Condition or() {
    List<Condition> any = new ArrayList<>();
    any.add(and());
    while (accept(Kind.OR)) {
      any.add(and());
    }
    return any.size() == 1 ? any.get(0) : new Condition.Or(List.copyOf(any));
  }

  // and := unary (AND unary)*
  private Condition and() {
    List<Condition> all = new ArrayList<>();
    all.add(unary());
    while (accept(Kind.AND)) {
      all.add(unary());
    }
    return all.size() == 1 ? all.get(0) : new Condition.And(List.copyOf(all));
  }

  // unary := NOT unary | primary
  private Condition unary() {
    if (accept(Kind.NOT)) {
      return new Condition.Not(unary());
    }
    return primary();
  }

  // primary := '(' or ')' | predicate
  private Condition primary() {
    Token open = peek();
    if (accept(Kind.LPAREN)) {
      Condition inner = or();
      Token close = peek();
      if (!accept(Kind.RPAREN)) {
        throw error(close, "expected ')' to close the '(' at column " + open.column() + ", found " + close.describe());
      }
      return inner;
    }
    return predicate();
  }

  // predicate := IDENT ( compare literal | [NOT] LIKE STRING | [NOT] IN '(' literal (',' literal)* ')' | [NOT] MATCHES STRING )
  private Condition predicate() {
    Token field = take();
    if (field.kind() != Kind.IDENT) {
      throw error(field, "expected a field name, NOT or '(', found " + field.describe());
    }
    String name = field.text();
    Token op = take();
    switch (op.kind()) {
      case EQ, NE, LT, LE, GT, GE -> {
        return comparison(name, op);
      }
      case LIKE, IN, MATCHES -> {
        return test(name, op);
      }
      case NOT -> {
        Token negated = take();
        if (negated.kind() != Kind.LIKE && negated.kind() != Kind.IN && negated.kind() != Kind.MATCHES) {
          throw error(negated, "expected LIKE, IN or MATCHES after NOT, found " + negated.describe());
        }
        return new Condition.Not(test(name, negated));
      }
      default -> throw error(op, "expected an operator (=, !=, <, <=, >, >=, LIKE, IN, MATCHES) after field '"
          + name + "', found " + op.describe());
    }
  }

  private Condition comparison(String field, Token op) {
    Token value = take();
    if (value.kind() != Kind.STRING && value.kind() != Kind.NUMBER) {
      throw error(value, "expected a value (a \"string\" or a number) after '" + op.text() + "', found "
          + value.describe());
    }
    Comparison comparison = switch (op.kind()) {
      case EQ -> Comparison.EQ;
      case NE -> Comparison.NE;
      case LT -> Comparison.LT;
      case LE -> Comparison.LE;
      case GT -> Comparison.GT;
      default -> Comparison.GE;
    };
    if (value.kind() == Kind.NUMBER) {
      Condition number = new Condition.CompareNumber(field, comparison == Comparison.NE ? Comparison.EQ : comparison,
          new BigDecimal(value.text()));
      return comparison == Comparison.NE ? new Condition.Not(number) : number;
    }
    return switch (comparison) {
      case EQ -> new Condition.EqualsText(field, value.text());
      case NE -> new Condition.Not(new Condition.EqualsText(field, value.text()));
      default -> throw error(value, "'" + op.text() + "' compares numbers; " + value.describe()
          + " is text (write it without quotes if it is a number)");
    };
  }

  private Condition test(String field, Token op) {
    return switch (op.kind()) {
      case LIKE -> {
        String pattern = string(op).text();
        String prefix = Literals.prefixOnly(pattern);
        yield prefix != null ? new Condition.StartsWith(field, prefix) : new Condition.Matches(field, Literals.like(pattern));
      }
      case MATCHES -> {
        Token regex = string(op);
        try {
          yield new Condition.Matches(field, Pattern.compile(regex.text()));
        } catch (PatternSyntaxException e) {
          throw error(regex, "not a valid regular expression: " + e.getDescription()
              + (e.getIndex() >= 0 ? " near index " + e.getIndex() + " of the pattern" : ""));
        }
      }
      default -> in(field, op);
    };
  }

  private Condition in(String field, Token op) {
    Token open = take();
    if (open.kind() != Kind.LPAREN) {
      throw error(open, "expected '(' after IN, found " + open.describe());
    }
    Set<String> texts = new LinkedHashSet<>();
    List<BigDecimal> numbers = new ArrayList<>();
    do {
      Token value = take();
      switch (value.kind()) {
        case STRING -> texts.add(value.text());
        case NUMBER -> numbers.add(new BigDecimal(value.text()));
        default -> throw error(value, "expected a value (a \"string\" or a number) in the IN list, found "
            + value.describe());
      }
    } while (accept(Kind.COMMA));
    Token close = take();
    if (close.kind() != Kind.RPAREN) {
      throw error(close, "expected ',' or ')' in the IN list opened at column " + open.column() + ", found "
          + close.describe());
    }
    return new Condition.In(field, Set.copyOf(texts), List.copyOf(numbers));
  }

  private Token string(Token op) {
    Token value = take();
    if (value.kind() != Kind.STRING) {
      throw error(value, "expected a \"string\" after " + op.kind() + ", found " + value.describe());
    }
    return value;
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token token = tokens.get(next);
    if (token.kind() != Kind.END) {
      next++;
    }
    return token;
  }

  private boolean accept(Kind kind) {
    if (peek().kind() == kind) {
      next++;
      return true;
    }
    return false;
  }

  private SelectorSyntaxException error(Token at, String reason) {
    return new SelectorSyntaxException(text, at.column(), reason);
  }
}
