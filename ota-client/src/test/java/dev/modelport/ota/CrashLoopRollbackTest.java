package dev.modelport.ota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new build that passes its health check but then keeps crashing (here: its llama.cpp worker is
 * killed with SIGKILL three times) is rolled back automatically to the last healthy build, which
 * the inactive slot still holds; ROLLED_BACK is reported and the crashing build is refused from
 * then on. Requests in between are retried on the restarted worker. Real llama.cpp workers;
 * {@link FakeRegistry} stands in for registry-service.
 */
class CrashLoopRollbackTest {
  @TempDir
  Path tmp;

  @Test
  void repeatedCrashesOfTheNewBuildRollBackToTheLastHealthyOne() throws Exception {
    Path a = TestModels.buildA();
    Path b = TestModels.buildB();
    try (FakeRegistry reg = new FakeRegistry();
        OtaClient client = TestDevices.builder(reg, tmp.resolve("state")).crashLoop(3, Duration.ofMinutes(1)).build()) {
      reg.offer(reg.publish("a.gguf", a, 1), a);
      assertThat(client.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);
      reg.offer(reg.publish("b.gguf", b, 1), b);
      assertThat(client.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);
      assertThat(client.status().previousDigest()).isEqualTo(TestModels.digest(a));

      for (int crash = 1; crash <= 3; crash++) {
        // a request makes sure B's worker is running, then it dies
        CompletionResult r = client.inference().complete(CompletionRequest.greedy("Hello", 4), TokenListener.NONE);
        assertThat(r.buildDigest()).isEqualTo(TestModels.digest(b));
        long pid = client.router().current().pid();
        assertThat(pid).isPositive();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!TestModels.digest(a).equals(client.inference().active().buildDigest()) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(client.inference().active().buildDigest()).isEqualTo(TestModels.digest(a));
      assertThat(client.inference().complete(CompletionRequest.greedy("Hello", 4), TokenListener.NONE).buildDigest())
          .isEqualTo(TestModels.digest(a));
      assertThat(client.status().active().buildDigest()).isEqualTo(TestModels.digest(a));
      assertThat(client.status().rejected()).containsKey(TestModels.digest(b));
      client.flushReports();
      assertThat(reg.reportsOf("ROLLED_BACK")).singleElement()
          .satisfies(e -> assertThat(e.path("reason").asText()).startsWith("CRASH_LOOP: "));
      // the server still offers B: it is not installed again
      assertThat(client.checkIn().result()).isEqualTo(CheckInOutcome.Result.FAILED);
      assertThat(client.inference().active().buildDigest()).isEqualTo(TestModels.digest(a));
    }
  }
}
