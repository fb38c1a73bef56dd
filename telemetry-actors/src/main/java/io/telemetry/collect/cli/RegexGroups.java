package io.telemetry.collect.cli;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks named groups of a compiled pattern. Java 17 has no public list of a pattern's group
 * names, so existence is asked of the JDK's own regex parser: a back-reference {@code \k<name>}
 * compiles only when the group is defined.
 */
final class RegexGroups {

  private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");

  private RegexGroups() {}

  /** Whether {@code name} is a legal Java group name (a letter, then letters and digits). */
  static boolean validName(String name) {
    return VALID_NAME.matcher(name).matches();
  }

  /** Whether {@code pattern} defines the named group {@code name} (which must be a valid name). */
  static boolean defines(Pattern pattern, String name) {
    String regex = pattern.pattern();
    // Close an unterminated \Q quote, or the probe would be quoted too.
    if (regex.lastIndexOf("\\Q") > regex.lastIndexOf("\\E")) {
      regex = regex + "\\E";
    }
    try {
      Pattern.compile(regex + "|\\k<" + name + ">", pattern.flags());
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
