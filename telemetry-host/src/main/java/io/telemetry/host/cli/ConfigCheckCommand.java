package io.telemetry.host.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import io.telemetry.host.config.ConfigCheck;
import io.telemetry.host.config.ConfigProblem;
import io.telemetry.host.config.ConfigReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry config check FILE}: loads the file as a node would and prints every problem as
 * {@code FILE:LINE: path: message}, then a summary. Exits 0 when clean, 1 on problems, 2 when the
 * file cannot be parsed.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Load a HOCON file as a node would and report every problem: syntax, includes and "
        + "substitutions that do not resolve, unknown keys, wrong types, missing credentials, unknown collector "
        + "types, credential sets and rule types, files that do not exist.",
        "Exit code: 0 clean, 1 problems, 2 the file cannot be parsed."})
public final class ConfigCheckCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The HOCON file.")
  Path file;

  @Option(names = "--json", description = "Print the report as JSON instead of lines.")
  boolean json;

  @Option(names = "--no-file-checks",
      description = "Do not require files the config names (private keys, known_hosts, inventories) to exist "
          + "here: for checking on another machine than the one that runs the config.")
  boolean noFileChecks;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ConfigReport report = ConfigCheck.check(file, ConfigFactory.empty(), new ConfigCheck.Options(!noFileChecks));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(report));
    } else {
      report.lines().forEach(out::println);
    }
    out.flush();
    return report.exitCode();
  }

  private static String toJson(ConfigReport report) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("file", report.file());
    root.put("ok", report.clean());
    root.put("parsed", !report.unparseable());
    ArrayNode problems = root.putArray("problems");
    for (ConfigProblem p : report.problems()) {
      ObjectNode node = problems.addObject();
      node.put("file", p.file());
      if (p.line() > 0) {
        node.put("line", p.line());
      }
      node.put("path", p.path());
      node.put("message", p.message());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
