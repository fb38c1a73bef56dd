package io.telemetry.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetry.host.cluster.ManagementClient;
import io.telemetry.host.cluster.ManagementException;
import io.telemetry.inventory.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry targets list|show|add|remove}: the cluster's run-time inventory through a node's
 * management HTTP ({@code /telemetry/targets}). Tables hold no secrets: credentials stay in each
 * node's config.
 */
@Command(name = "targets", mixinStandardHelpOptions = true,
    description = "List, show, add or remove targets of the running cluster (management HTTP /telemetry/targets).",
    subcommands = {TargetsCommand.List.class, TargetsCommand.Show.class, TargetsCommand.Add.class,
        TargetsCommand.Remove.class})
public final class TargetsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list, show, add or remove");
  }

  /** Runs one request, printing its answer or the error (exit 1). */
  static int run(CommandSpec spec, String name, Callable<String> request) {
    try {
      spec.commandLine().getOut().print(request.call());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (ManagementException e) {
      spec.commandLine().getErr().println("telemetry targets " + name + ": " + refusal(e));
      return 1;
    } catch (IllegalArgumentException | IOException e) {
      spec.commandLine().getErr().println("telemetry targets " + name + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      spec.commandLine().getErr().println("telemetry targets " + name + ": " + e);
      return 1;
    }
  }

  /** The node's own words when it answered (its JSON "message" names the target or field), else the error. */
  static String refusal(ManagementException e) {
    if (e.status() > 0) {
      try {
        JsonNode message = JSON.readTree(e.body()).path("message");
        if (message.isTextual()) {
          return message.asText() + " (HTTP " + e.status() + ")";
        }
      } catch (IOException notJson) {
        // fall through to the whole message, which has the body as it came
      }
    }
    return e.getMessage();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The cluster's target table.")
  static final class List implements Callable<Integer> {
    @Mixin
    ManagementOption management;
    @Option(names = "--json", description = "Print the JSON of GET /telemetry/targets.")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return run(spec, "list", () -> {
        String body = new ManagementClient(management.url).targets();
        return json ? body + "\n" : table(JSON.readTree(body));
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One target of the table, as JSON.")
  static final class Show implements Callable<Integer> {
    @Mixin
    ManagementOption management;
    @Parameters(paramLabel = "ID")
    String id;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return run(spec, "show", () -> JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(JSON.readTree(new ManagementClient(management.url).target(id))) + "\n");
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add (or replace) a target at run time; the inventory policies decide how it is polled.")
  static final class Add implements Callable<Integer> {
    @Mixin
    ManagementOption management;
    @Parameters(paramLabel = "ID", arity = "0..1", description = "Target id (else the JSON's id).")
    String id;
    @Option(names = "--json", paramLabel = "FILE", description = "A JSON object {\"id\", \"host\", \"port\", attributes...}.")
    Path jsonFile;
    @Option(names = "--host", description = "Address or name of the device.")
    String host;
    @Option(names = "--port", description = "Port, if not the policy's.")
    Integer port;
    @Option(names = {"-a", "--attribute"}, paramLabel = "NAME=VALUE", description = "An attribute (site, role, vendor...); repeatable.")
    Map<String, String> attributes;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      // Usage mistakes are found before anything is read or sent (exit 2, with the usage).
      if (attributes != null) {
        attributes.keySet().stream().filter(Resource.RESERVED::contains).findFirst().ifPresent(name -> {
          throw new CommandLine.ParameterException(spec.commandLine(), "-a " + name + "=...: " + name
              + " is a field, not an attribute; use " + (name.equals("id") ? "ID" : "--" + name));
        });
      }
      if (id == null && jsonFile == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing target id: give ID or --json FILE with an \"id\"");
      }
      if (host == null && jsonFile == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "target \"" + id + "\": give --host (or --json FILE"
            + " with a \"host\")");
      }
      return run(spec, "add", () -> {
        ObjectNode body = jsonFile != null ? object(jsonFile) : JSON.createObjectNode();
        if (host != null) {
          body.put("host", host);
        }
        if (port != null) {
          body.put("port", port);
        }
        if (attributes != null) {
          attributes.forEach(body::put);
        }
        String target = id != null ? id : body.path("id").asText("");
        if (target.isEmpty()) {
          throw new IllegalArgumentException(jsonFile + " has no \"id\": give the target id as ID or in the JSON");
        }
        if (!body.has("host")) {
          throw new IllegalArgumentException("target \"" + target + "\": " + jsonFile + " has no \"host\"; give one"
              + " there or --host");
        }
        return message(new ManagementClient(management.url).putTarget(target, body.toString()));
      });
    }

    private static ObjectNode object(Path file) throws IOException {
      JsonNode node;
      try {
        node = JSON.readTree(Files.readString(file));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw new IOException("cannot read " + file + ": " + e, e);
      }
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException(file + ": expected a JSON object {\"id\": ..., \"host\": ..., ...}");
      }
      return object;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a target at run time.")
  static final class Remove implements Callable<Integer> {
    @Mixin
    ManagementOption management;
    @Parameters(paramLabel = "ID")
    String id;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return run(spec, "remove", () -> message(new ManagementClient(management.url).removeTarget(id)));
    }
  }

  private static String message(String body) throws IOException {
    return JSON.readTree(body).path("message").asText(body) + "\n";
  }

  /** ID, ORIGIN, HOST, PORT, SHARD and attributes, one line per target, then the rejected ones. */
  static String table(JsonNode root) {
    java.util.List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "ORIGIN", "HOST", "PORT", "SHARD", "ATTRIBUTES"});
    for (JsonNode t : root.path("targets")) {
      java.util.List<String> attrs = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = t.path("attributes").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> a = it.next();
        attrs.add(a.getKey() + "=" + a.getValue().asText());
      }
      rows.add(new String[] {t.path("id").asText(), t.path("origin").asText(), t.path("host").asText(),
          t.has("port") ? t.path("port").asText() : "-", t.path("shard").asText(), String.join(",", attrs)});
    }
    int[] width = new int[6];
    rows.forEach(r -> {
      for (int i = 0; i < 6; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < 6; i++) {
        out.append(i < 5 ? String.format("%-" + width[i] + "s  ", r[i]) : r[i]);
      }
      out.append('\n');
    }
    out.append("table version ").append(root.path("version").asLong()).append(", ")
        .append(root.path("targets").size()).append(" targets\n");
    String error = root.path("inventoryError").asText("");
    if (!error.isEmpty()) {
      out.append("inventory refresh failing: ").append(error).append('\n');
    }
    root.path("rejected").fields().forEachRemaining(r ->
        out.append("rejected ").append(r.getKey()).append(": ").append(r.getValue().asText()).append('\n'));
    return out.toString();
  }
}
