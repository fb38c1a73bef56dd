package io.telemetry.host.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildClasspathTest {

  @TempDir Path dir;

  @Test
  void followsRelativeManifestClassPathsLikeJavaJar() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Path kafka = jar(lib.resolve("kafka.jar"), null);
    Path spaced = jar(lib.resolve("with space.jar"), "nested.jar");
    Path nested = jar(lib.resolve("nested.jar"), null);
    Path app = jar(dir.resolve("app.jar"), "lib/kafka.jar lib/with%20space.jar lib/missing.jar");

    assertEquals(List.of(app, kafka, spaced, nested), ChildClasspath.expand(List.of(app)));
  }

  @Test
  void followsAbsoluteFileUrlsLikeSurefiresBooterJar() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("target/classes"));
    Path dependency = jar(dir.resolve("repo/dep.jar"), null);
    Path booter = jar(dir.resolve("booter.jar"),
        classes.toUri() + " " + dependency.toUri());

    assertEquals(List.of(booter, classes, dependency), ChildClasspath.expand(List.of(booter, dependency)));
  }

  @Test
  void includesTheJarsOfRequiredClasses() {
    List<Path> classpath = ChildClasspath.of(List.of(kafka.Kafka.class, scala.Predef.class));
    assertTrue(classpath.contains(ChildClasspath.locationOf(kafka.Kafka.class)));
    assertTrue(classpath.contains(ChildClasspath.locationOf(scala.Predef.class)));
    assertTrue(ChildClasspath.locationOf(kafka.Kafka.class).getFileName().toString().startsWith("kafka_2.13-"));
  }

  private static Path jar(Path path, String classPath) throws IOException {
    Files.createDirectories(path.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream out = Files.newOutputStream(path)) {
      new JarOutputStream(out, manifest).finish(); // an empty jar: only the manifest matters here
    }
    return path.toAbsolutePath().normalize();
  }
}
