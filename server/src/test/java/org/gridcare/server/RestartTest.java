package org.gridcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's own servers: data under the data dir survives a restart, and stop leaves no process or thread. */
class RestartTest {

  @Test
  void secondStartFindsTheDataAndStopLeavesNothingBehind(@TempDir Path data) throws Exception {
    Set<String> threadsBefore = threadNames();
    Set<Long> childrenBefore = children();
    ContactCentreConfig config = ConfigLoader.load(TestCentre.repoRoot().resolve("config/contact-centre.yaml"),
        withPort(TestCentre.workingDirs(TestCentre.repoRoot()), data));

    ContactCentre first = await(ContactCentre.start(config));
    await(first.authentication().addUser("test", new Identity("kept", Set.of(Role.SUPERVISOR), List.of(2)), "kept-password-1"));
    await(first.stop());
    assertThat(children()).as("embedded servers stopped").isEqualTo(childrenBefore);

    ContactCentre second = await(ContactCentre.start(config));
    try {
      assertThat(await(second.authentication().listUsers())).extracting(u -> u.identity().username()).contains("kept");
    } finally {
      await(second.stop());
    }
    assertThat(children()).isEqualTo(childrenBefore);
    // Pool threads finish their last task and exit just after close() completes: give them a few seconds.
    Set<String> leaked = leakedThreads(threadsBefore);
    for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        !leaked.isEmpty() && System.nanoTime() < deadline; leaked = leakedThreads(threadsBefore)) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    assertThat(leaked).as("threads left after stop").isEmpty();
  }

  private static Map<String, String> withPort(Map<String, String> dirs, Path data) {
    Map<String, String> env = new java.util.HashMap<>(dirs);
    env.put("CC_SERVER_PORT", "0");
    env.put("CC_STORAGE_DATA_DIR", data.toString());
    return env;
  }

  /** Live child processes (other test classes' shared servers may already be running). */
  private static Set<Long> children() {
    return new java.util.HashSet<>(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid).toList());
  }

  private static Set<String> leakedThreads(Set<String> before) {
    Set<String> leaked = threadNames();
    leaked.removeAll(before);
    // JVM-wide housekeeping threads that idle out on their own (JDK process reaper and cleaners, Netty's global
    // executor); everything the contact centre started (Vert.x, Lettuce, PBX, pools) must be gone.
    leaked.removeIf(name -> name.startsWith("ForkJoinPool") || name.equals("Attach Listener")
        || name.equals("process reaper") || name.startsWith("Cleaner-") || name.startsWith("globalEventExecutor"));
    return leaked;
  }

  private static Set<String> threadNames() {
    return new java.util.HashSet<>(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .map(Thread::getName).toList());
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
