package io.telemetry.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketOwnersTest {

  @TempDir
  Path dir;

  @Test
  void namesTheProcessHoldingEachAskedSocket() throws Exception {
    FakeProc proc = new FakeProc(dir)
        .process(100, "nginx", 1001, 1002)
        .process(200, "postgres", 2001)
        .process(300, "sshd", 3001);
    Files.createDirectories(dir.resolve("self"));
    Files.createDirectories(dir.resolve("sys"));

    SocketOwners.Owners owners = SocketOwners.scan(proc.root(), Set.of(1001L, 1002L, 2001L, 4242L));
    assertEquals(Map.of(1001L, "nginx", 1002L, "nginx", 2001L, "postgres"), owners.processByInode());
    assertEquals(0, owners.unreadableProcesses());
  }

  @Test
  void theLowestPidNamesASharedSocket() throws Exception {
    FakeProc proc = new FakeProc(dir)
        .process(2000, "worker", 5000)
        .process(1999, "master", 5000);
    assertEquals(Map.of(5000L, "master"), SocketOwners.scan(proc.root(), Set.of(5000L)).processByInode());
  }

  @Test
  void unreadableAndVanishedProcessesAreSkippedAndCounted() throws Exception {
    FakeProc proc = new FakeProc(dir)
        .process(100, "nginx", 1001)
        .vanished(150)
        .unreadable(160)
        .process(200, "postgres", 2001);
    SocketOwners.Owners owners = SocketOwners.scan(proc.root(), Set.of(1001L, 2001L));
    assertEquals(Map.of(1001L, "nginx", 2001L, "postgres"), owners.processByInode());
    assertEquals(2, owners.unreadableProcesses());
  }

  @Test
  void aProcessWhoseNameCannotBeReadIsCountedAndItsSocketsStayUnnamed() throws Exception {
    FakeProc proc = new FakeProc(dir).process(100, "nginx", 1001).process(200, "postgres", 2001);
    Files.delete(dir.resolve("200/comm"));
    SocketOwners.Owners owners = SocketOwners.scan(proc.root(), Set.of(1001L, 2001L));
    assertEquals(Map.of(1001L, "nginx"), owners.processByInode());
    assertEquals(1, owners.unreadableProcesses());
  }
}
