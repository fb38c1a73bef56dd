package io.telemetry.inventory.select;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A compiled resource selector, e.g.
 * {@code vendor = "juniper" AND os_version LIKE "12.2%" OR site IN ("ams1", "fra2")}. Parse once
 * with {@link #parse}, then test many resources; immutable and safe to share between threads.
 * The language is described in docs/selectors.md.
 */
public final class Selector {

  private static final Selector ALL = new Selector("", new Condition.Always());

  private final String expression;
  private final Condition condition;

  private Selector(String expression, Condition condition) {
    this.expression = expression;
    this.condition = condition;
  }

  /**
   * Compiles a selector.
   *
   * @throws SelectorSyntaxException naming the column of the first error
   */
  public static Selector parse(String expression) {
    Objects.requireNonNull(expression, "expression");
    return new Selector(expression, SelectorParser.parse(expression));
  }

  /** Selects every resource. */
  public static Selector all() {
    return ALL;
  }

  /**
   * Whether a resource is selected.
   *
   * @param attributes the resource's attribute by name; null for an attribute it does not have
   */
  public boolean matches(Function<String, String> attributes) {
    return condition.test(attributes);
  }

  public boolean matches(Map<String, String> attributes) {
    return condition.test(attributes::get);
  }

  /** The selector as written ({@code ""} for {@link #all()}). */
  public String expression() {
    return expression;
  }

  @Override
  public String toString() {
    return this == ALL ? "Selector[all]" : "Selector[" + expression + "]";
  }
}
