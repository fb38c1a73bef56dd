package io.telemetry.host.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of checking one configuration file.
 *
 * @param file        the checked file as the operator named it
 * @param problems    every problem found, in file order
 * @param unparseable true when the file could not even be parsed (then {@code problems} holds the parse error)
 */
public record ConfigReport(String file, List<ConfigProblem> problems, boolean unparseable) {

  /** Exit code of {@code config check}: the file cannot be parsed. */
  public static final int UNPARSEABLE = 2;
  /** Exit code of {@code config check}: problems found. */
  public static final int INVALID = 1;

  public ConfigReport {
    problems = List.copyOf(problems);
  }

  public boolean clean() {
    return problems.isEmpty();
  }

  /** 0 clean, 1 problems, 2 unparseable. */
  public int exitCode() {
    return unparseable ? UNPARSEABLE : clean() ? 0 : INVALID;
  }

  /** One line per problem, then a summary line. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    problems.forEach(p -> lines.add(p.render()));
    lines.add(summary());
    return lines;
  }

  public String summary() {
    if (unparseable) {
      return file + ": cannot be parsed";
    }
    if (clean()) {
      return file + ": OK, no problems found";
    }
    return file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems");
  }
}
