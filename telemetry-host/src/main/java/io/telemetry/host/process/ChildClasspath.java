package io.telemetry.host.process;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath for a child JVM that runs classes this JVM can load.
 *
 * <p>{@code java.class.path} is not always the list of jars: under Maven Surefire it is one
 * manifest-only booter jar, under {@code java -jar} one jar whose manifest lists the rest. So
 * entries are expanded through their manifests' {@code Class-Path} (relative entries resolve
 * against the jar's folder, as the JVM does), and the jars of the classes the child needs are
 * added if still missing (e.g. when an application class loader was set up in code).
 */
public final class ChildClasspath {

  private ChildClasspath() {}

  /**
   * @param required classes the child must load; their jars or folders are included
   * @return the entries, in the parent's order, without duplicates
   */
  public static List<Path> of(List<Class<?>> required) {
    List<Path> roots = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        roots.add(Path.of(entry));
      }
    }
    for (Class<?> type : required) {
      roots.add(locationOf(type));
    }
    return expand(roots);
  }

  /** The entries with every jar's manifest Class-Path followed, recursively; missing ones dropped. */
  static List<Path> expand(List<Path> roots) {
    Set<Path> entries = new LinkedHashSet<>();
    Deque<Path> pending = new ArrayDeque<>();
    roots.forEach(root -> pending.add(root.toAbsolutePath().normalize()));
    while (!pending.isEmpty()) {
      Path entry = pending.removeFirst();
      if (!Files.exists(entry) || !entries.add(entry)) {
        continue;
      }
      if (Files.isRegularFile(entry)) {
        // Depth first, like the JVM: a jar's Class-Path entries come right after the jar.
        List<Path> referenced = manifestClassPath(entry);
        for (int i = referenced.size() - 1; i >= 0; i--) {
          pending.addFirst(referenced.get(i));
        }
      }
    }
    return List.copyOf(entries);
  }

  /** The jar or classes folder a class was loaded from. */
  public static Path locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("cannot tell where " + type.getName()
          + " was loaded from; a child JVM needs it on its classpath");
    }
    try {
      return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("odd location of " + type.getName() + ": " + source.getLocation(), e);
    }
  }

  private static List<Path> manifestClassPath(Path jar) {
    Manifest manifest;
    try (JarFile file = new JarFile(jar.toFile())) {
      manifest = file.getManifest();
    } catch (IOException e) {
      return List.of(); // not a jar (e.g. a native library folder entry); nothing to expand
    }
    if (manifest == null) {
      return List.of();
    }
    String classPath = manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    if (classPath == null || classPath.isBlank()) {
      return List.of();
    }
    URI base = jar.toUri();
    return java.util.Arrays.stream(classPath.trim().split("\\s+"))
        .map(entry -> toPath(base, entry))
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  // Class-Path entries are relative URLs (spaces as %20); Surefire writes absolute file: URLs.
  private static Path toPath(URI base, String entry) {
    try {
      URL url = base.resolve(entry).toURL();
      return "file".equals(url.getProtocol()) ? Path.of(url.toURI()).toAbsolutePath().normalize() : null;
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      return null; // the JVM skips malformed entries too
    }
  }
}
