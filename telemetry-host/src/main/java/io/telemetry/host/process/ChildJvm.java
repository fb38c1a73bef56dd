package io.telemetry.host.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line of a child JVM that runs a class of this application: this JVM's
 * {@code java}, the given options, and a classpath built by {@link ChildClasspath} written to a
 * java argument file (a classpath of ~150 jars may exceed the limit of one command-line argument).
 */
public final class ChildJvm {

  private ChildJvm() {}

  /**
   * {@code java <options> -Djava.awt.headless=true @<argumentFile> <mainClass>}; the caller appends
   * the program's arguments.
   *
   * @param argumentFile where to write the {@code -cp} argument (replaced if present)
   * @param required     classes the child must load besides {@code mainClass}
   */
  public static List<String> command(Path argumentFile, List<String> jvmOptions, Class<?> mainClass,
      List<Class<?>> required) throws IOException {
    List<Class<?>> classes = new ArrayList<>(required);
    classes.add(0, mainClass);
    String joined = ChildClasspath.of(classes).stream().map(Path::toString)
        .collect(Collectors.joining(File.pathSeparator));
    Files.writeString(argumentFile, "-cp\n\"" + joined.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Djava.awt.headless=true");
    command.add("@" + argumentFile);
    command.add(mainClass.getName());
    return command;
  }
}
