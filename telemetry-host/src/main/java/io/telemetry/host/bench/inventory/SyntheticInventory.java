package io.telemetry.host.bench.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.telemetry.host.bench.inventory.InventoryBenchRun.Format;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A made-up but realistic inventory for {@code bench inventory}: routers and switches with skewed
 * vendor, model, OS version, site, role and owner mixes (seeded, so every run sees the same one),
 * the policies a network team would write for it (specific first, a catch-all last), and the ~1 %
 * churn between two refreshes (upgrades and moves, decommissions, new devices).
 */
final class SyntheticInventory {

  /** What one {@link #churn()} did, by resource id count. */
  record Churn(int changed, int removed, int added) {}

  static final String[] COLUMNS = {"id", "host", "port", "vendor", "model", "os_version", "site", "role", "owner"};

  private static final String[] VENDORS = {"juniper", "cisco", "arista", "nokia"};
  private static final int[] VENDOR_WEIGHTS = {45, 30, 15, 10};
  private static final Map<String, String[]> MODELS = Map.of(
      "juniper", new String[] {"mx204", "mx480", "mx960", "ex4300", "qfx5120", "srx345"},
      "cisco", new String[] {"asr9006", "ncs5501", "n9k-c93180", "c9300-48p"},
      "arista", new String[] {"7050sx3", "7280r3", "720xp"},
      "nokia", new String[] {"7750-sr1", "7250-ixr-e"});
  private static final Map<String, String[]> VERSIONS = Map.of(
      "juniper", new String[] {"18.4R3-S9", "20.4R3-S4", "21.4R3-S5", "22.4R2-S1", "23.2R1"},
      "cisco", new String[] {"7.5.2", "7.9.1", "9.3(8)", "17.6.4"},
      "arista", new String[] {"4.28.3M", "4.30.1F", "4.31.2F"},
      "nokia", new String[] {"22.10.R3", "23.7.R1"});
  static final String[] SITES = {"ams1", "ams2", "fra1", "fra2", "lon1", "lon2", "par1", "mad1", "mil1", "waw1",
      "sto1", "zrh1", "nyc1", "nyc2", "iad1", "ord1", "dfw1", "sjc1", "sea1", "yyz1", "sin1", "hkg1", "tyo1", "syd1"};
  private static final String[] ROLES = {"core", "edge", "aggregation", "access", "lab", "oob"};
  private static final int[] ROLE_WEIGHTS = {4, 16, 20, 50, 5, 5};
  private static final String[] OWNERS = {"backbone", "datacenter", "enterprise", "netops", "lab"};
  private static final int[] OWNER_WEIGHTS = {25, 35, 20, 15, 5};

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV = new CsvMapper();

  private final Random random;
  private final Map<String, Map<String, String>> resources = new LinkedHashMap<>();
  private int nextId;

  SyntheticInventory(int size, long seed) {
    if (size < 1) {
      throw new IllegalArgumentException("--resources must be at least 1, was " + size);
    }
    this.random = new Random(seed);
    for (int i = 0; i < size; i++) {
      add();
    }
  }

  int size() {
    return resources.size();
  }

  /**
   * About 1 % of the resources change between two refreshes (at least 5 when there are that many):
   * 60 % of them get a new OS version or role, 20 % are removed and as many new ones are added.
   */
  Churn churn() {
    int total = Math.max(Math.min(5, resources.size()), resources.size() / 100);
    int removed = total / 5;
    int added = removed;
    int changed = total - removed - added;
    List<String> ids = new ArrayList<>(resources.keySet());
    java.util.Collections.shuffle(ids, random);
    for (int i = 0; i < changed; i++) {
      Map<String, String> resource = resources.get(ids.get(i));
      if (random.nextBoolean()) {
        String[] versions = VERSIONS.get(resource.get("vendor"));
        resource.put("os_version", different(versions, resource.get("os_version")));
      } else {
        resource.put("role", different(ROLES, resource.get("role")));
      }
    }
    for (int i = changed; i < changed + removed; i++) {
      resources.remove(ids.get(i));
    }
    for (int i = 0; i < added; i++) {
      add();
    }
    return new Churn(changed, removed, added);
  }

  /** Writes the inventory as {@code <dir>/inventory.<format>}, replacing it. */
  Path write(Path dir, Format format) throws IOException {
    Path file = dir.resolve("inventory." + format.extension());
    Path partial = dir.resolve("inventory." + format.extension() + ".partial");
    try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      switch (format) {
        case NDJSON -> {
          for (Map<String, String> resource : resources.values()) {
            out.write(JSON.writeValueAsString(resource));
            out.write('\n');
          }
        }
        case JSON -> JSON.writeValue(out, resources.values());
        case CSV -> {
          CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
          for (String column : COLUMNS) {
            schema.addColumn(column);
          }
          try (SequenceWriter rows = CSV.writer(schema.build()).writeValues(out)) {
            for (Map<String, String> resource : resources.values()) {
              rows.write(resource);
            }
          }
        }
      }
    }
    // The source re-reads the file on every load; a rename keeps it from reading half a file.
    return Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The {@code telemetry.inventory.policies} list: {@code count - 1} specific policies (AND, OR,
   * IN, LIKE and one MATCHES, over vendor, model, version, site, role and owner), then a catch-all
   * polling everything else over SNMP. First match wins, so a resource no specific policy selects
   * is tested against all of them.
   */
  static String policies(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("--policies must be at least 1 (the catch-all), was " + count);
    }
    String netconf = "collectors = [ junos-netconf ], credentials = core";
    String both = "collectors = [ junos-netconf, { type = snmp, community = public, interval = 5m } ], credentials = core";
    String snmp = "collectors = [ { type = snmp, community = public } ]";
    List<String> policies = new ArrayList<>();
    for (int i = 0; policies.size() < count - 1; i++) {
      String site = SITES[i % SITES.length];
      String other = SITES[(i + 7) % SITES.length];
      String rule = switch (i % 8) {
        case 0 -> q("vendor = 'juniper' AND role = 'core' AND os_version LIKE '2_.4R%'") + ", " + netconf + ", interval = 30s";
        case 1 -> q("vendor = 'juniper' AND role IN ('edge', 'aggregation') AND site IN ('" + site + "', '" + other + "')")
            + ", " + both + ", interval = 60s";
        case 2 -> q("vendor = 'cisco' AND model LIKE 'asr%' OR vendor = 'cisco' AND model LIKE 'ncs%'") + ", " + snmp
            + ", interval = 60s";
        case 3 -> q("role = 'lab' OR owner = 'lab'") + ", " + snmp + ", interval = 5m";
        case 4 -> q("vendor IN ('arista', 'nokia') AND site LIKE '" + site.substring(0, 3) + "%' AND role != 'access'")
            + ", " + snmp + ", interval = 60s";
        case 5 -> q("model MATCHES 'mx(480|960)' AND owner = 'backbone'") + ", " + netconf + ", interval = 30s";
        case 6 -> q("vendor = 'juniper' AND NOT os_version LIKE '18.%' AND site = '" + site + "'") + ", " + netconf
            + ", interval = 60s";
        default -> q("owner = 'datacenter' AND role IN ('access', 'aggregation') AND site IN ('" + site + "', '"
            + other + "', '" + SITES[(i + 13) % SITES.length] + "')") + ", " + snmp + ", interval = 2m";
      };
      policies.add("{ " + rule + " }");
    }
    policies.add("{ " + snmp + ", interval = 5m }");
    return "[\n  " + String.join("\n  ", policies) + "\n]";
  }

  /** A select setting, HOCON-quoted (the selector's strings in single quotes need no escaping). */
  private static String q(String selector) {
    return "select = \"" + selector + "\"";
  }

  private void add() {
    int n = nextId++;
    String vendor = pick(VENDORS, VENDOR_WEIGHTS);
    Map<String, String> resource = new LinkedHashMap<>();
    resource.put("id", String.format(Locale.ROOT, "rtr-%06d", n));
    resource.put("host", "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
    if (random.nextInt(20) == 0) {
      resource.put("port", "2022"); // a few listen elsewhere; the rest take the policy's or default port
    }
    resource.put("vendor", vendor);
    resource.put("model", MODELS.get(vendor)[random.nextInt(MODELS.get(vendor).length)]);
    resource.put("os_version", VERSIONS.get(vendor)[random.nextInt(VERSIONS.get(vendor).length)]);
    // Sites are skewed too: the first ones are the big ones.
    resource.put("site", SITES[Math.min(SITES.length - 1, (int) Math.abs(random.nextGaussian() * SITES.length / 2.5))]);
    resource.put("role", pick(ROLES, ROLE_WEIGHTS));
    resource.put("owner", pick(OWNERS, OWNER_WEIGHTS));
    resources.put(resource.get("id"), resource);
  }

  private String pick(String[] values, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = random.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  private String different(String[] values, String current) {
    String next = values[random.nextInt(values.length)];
    while (values.length > 1 && next.equals(current)) {
      next = values[random.nextInt(values.length)];
    }
    return next;
  }
}
