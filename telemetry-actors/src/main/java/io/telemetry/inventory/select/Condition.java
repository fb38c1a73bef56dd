package io.telemetry.inventory.select;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A compiled selector: a tree of conditions evaluated against a resource's attributes. Two-valued
 * logic: a missing attribute makes every positive test ({@code =}, {@code LIKE}, {@code IN},
 * {@code MATCHES}, orderings) false and every negated one true, so {@code NOT a} is always the
 * complement of {@code a}.
 */
sealed interface Condition {

  boolean test(Function<String, String> attributes);

  record Or(List<Condition> any) implements Condition {
    @Override
    public boolean test(Function<String, String> attributes) {
      for (Condition c : any) {
        if (c.test(attributes)) {
          return true;
        }
      }
      return false;
    }
  }

  record And(List<Condition> all) implements Condition {
    @Override
    public boolean test(Function<String, String> attributes) {
      for (Condition c : all) {
        if (!c.test(attributes)) {
          return false;
        }
      }
      return true;
    }
  }

  record Not(Condition inner) implements Condition {
    @Override
    public boolean test(Function<String, String> attributes) {
      return !inner.test(attributes);
    }
  }

  /** Matches everything: a policy without a selector. */
  record Always() implements Condition {
    @Override
    public boolean test(Function<String, String> attributes) {
      return true;
    }
  }

  /** {@code field = "text"}: exact, case-sensitive. */
  record EqualsText(String field, String value) implements Condition {
    @Override
    public boolean test(Function<String, String> attributes) {
      return value.equals(attributes.apply(field));
    }
  }

  /**
   * {@code field <op> number}: the attribute is read as a decimal number; one that is not a number
   * matches no ordering and no equality.
   */
  record CompareNumber(String field, Comparison op, BigDecimal value) implements Condition {
    @Override
    public boolean test(Function<String, String> attributes) {
      BigDecimal actual = Literals.number(attributes.apply(field));
      return actual != null && op.holds(actual.compareTo(value));
    }
  }

  /** {@code field IN ("a", "b", 3)}: equal to any of the texts, or numerically to any of the numbers. */
  record In(String field, Set<String> texts, List<BigDecimal> numbers) implements Condition {
    @Override
    public boolean test(Function<String, String> attributes) {
      String actual = attributes.apply(field);
      if (actual == null) {
        return false;
      }
      if (texts.contains(actual)) {
        return true;
      }
      if (numbers.isEmpty()) {
        return false;
      }
      BigDecimal number = Literals.number(actual);
      if (number == null) {
        return false;
      }
      for (BigDecimal n : numbers) {
        if (n.compareTo(number) == 0) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code field LIKE "..."} and {@code field MATCHES "..."}: the whole attribute must match. */
  record Matches(String field, Pattern pattern) implements Condition {
    @Override
    public boolean test(Function<String, String> attributes) {
      String actual = attributes.apply(field);
      return actual != null && pattern.matcher(actual).matches();
    }
  }

  /** {@code field LIKE "prefix%"}, the common case, without a regex. */
  record StartsWith(String field, String prefix) implements Condition {
    @Override
    public boolean test(Function<String, String> attributes) {
      String actual = attributes.apply(field);
      return actual != null && actual.startsWith(prefix);
    }
  }

  enum Comparison {
    EQ, NE, LT, LE, GT, GE;

    boolean holds(int order) {
      return switch (this) {
        case EQ -> order == 0;
        case NE -> order != 0;
        case LT -> order < 0;
        case LE -> order <= 0;
        case GT -> order > 0;
        case GE -> order >= 0;
      };
    }
  }
}
