package io.telemetry.host.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Paths as error messages write them, with list indexes ({@code telemetry.targets[2].collectors[0].type}
 * or quoted keys {@code rules."a.b".window}): finding the value at one, and replacing or removing it
 * in a tree (Typesafe Config's own paths cannot go into lists).
 */
final class ConfigPaths {

  /** One step: an object key, or a list index when {@code index >= 0}. */
  record Step(String key, int index) {
    boolean isIndex() {
      return index >= 0;
    }
  }

  private ConfigPaths() {}

  /** Splits a path into steps; empty when it is not a path. */
  static Optional<List<Step>> parse(String path) {
    List<Step> steps = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    boolean quoted = false;
    boolean keyPending = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quoted) {
        if (c == '"') {
          quoted = false;
        } else {
          key.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        keyPending = true;
      } else if (c == '.' || c == '[') {
        if (keyPending || key.length() > 0) {
          steps.add(new Step(key.toString(), -1));
        }
        key.setLength(0);
        keyPending = false;
        if (c == '[') {
          int end = path.indexOf(']', i);
          if (end < 0) {
            return Optional.empty();
          }
          try {
            steps.add(new Step(null, Integer.parseInt(path.substring(i + 1, end))));
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
          i = end;
        }
      } else if (Character.isWhitespace(c)) {
        return Optional.empty();
      } else {
        key.append(c);
        keyPending = true;
      }
    }
    if (quoted) {
      return Optional.empty();
    }
    if (keyPending || key.length() > 0) {
      steps.add(new Step(key.toString(), -1));
    }
    return steps.isEmpty() ? Optional.empty() : Optional.of(steps);
  }

  /** The value at {@code steps} under {@code root}, if there is one. */
  static Optional<ConfigValue> find(ConfigValue root, List<Step> steps) {
    ConfigValue at = root;
    for (Step step : steps) {
      at = child(at, step);
      if (at == null) {
        return Optional.empty();
      }
    }
    return Optional.of(at);
  }

  /** The deepest value along {@code steps} that exists (the root at least). */
  static ConfigValue deepest(ConfigValue root, List<Step> steps) {
    ConfigValue at = root;
    for (Step step : steps) {
      ConfigValue next = child(at, step);
      if (next == null) {
        return at;
      }
      at = next;
    }
    return at;
  }

  /**
   * {@code root} with the value at {@code steps} replaced by {@code value}, or removed when
   * {@code value} is null. Empty when the path does not lead there. Origins are kept.
   */
  static Optional<ConfigValue> replace(ConfigValue root, List<Step> steps, ConfigValue value) {
    if (steps.isEmpty()) {
      return Optional.ofNullable(value);
    }
    Step step = steps.get(0);
    List<Step> rest = steps.subList(1, steps.size());
    if (root instanceof ConfigObject object && !step.isIndex()) {
      ConfigValue current = object.get(step.key());
      if (current == null) {
        return rest.isEmpty() && value != null ? Optional.of(object.withValue(step.key(), value)) : Optional.empty();
      }
      Optional<ConfigValue> changed = replace(current, rest, value);
      if (rest.isEmpty() && value == null) {
        return Optional.of(object.withoutKey(step.key()));
      }
      return changed.map(c -> object.withValue(step.key(), c));
    }
    if (root instanceof ConfigList list && step.isIndex() && step.index() < list.size()) {
      Optional<ConfigValue> changed = rest.isEmpty() && value == null ? Optional.empty()
          : replace(list.get(step.index()), rest, value);
      if (changed.isEmpty() && !(rest.isEmpty() && value == null)) {
        return Optional.empty();
      }
      List<ConfigValue> elements = new ArrayList<>(list);
      if (changed.isPresent()) {
        elements.set(step.index(), changed.get());
      } else {
        elements.remove(step.index());
      }
      return Optional.of(ConfigValueFactory.fromIterable(elements).withOrigin(list.origin()));
    }
    return Optional.empty();
  }

  /** Renders steps back into a path. */
  static String render(List<Step> steps) {
    StringBuilder out = new StringBuilder();
    for (Step step : steps) {
      if (step.isIndex()) {
        out.append('[').append(step.index()).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(step.key().matches("[A-Za-z0-9_-]+") ? step.key() : "\"" + step.key() + "\"");
      }
    }
    return out.toString();
  }

  private static ConfigValue child(ConfigValue at, Step step) {
    if (at instanceof ConfigObject object && !step.isIndex()) {
      return object.get(step.key());
    }
    if (at instanceof ConfigList list && step.isIndex() && step.index() < list.size()) {
      return list.get(step.index());
    }
    return null;
  }
}
