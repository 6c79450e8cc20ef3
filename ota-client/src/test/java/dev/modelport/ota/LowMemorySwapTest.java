package dev.modelport.ota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import dev.modelport.ota.runtime.llama.LlamaRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When RAM cannot hold two models (memory budget below the two builds' estimates from gguf's
 * MemoryEstimator plus the worker overhead), the swap goes one at a time: requests wait in the
 * bounded queue while A drains and stops and B starts, and none fails. Real llama.cpp workers;
 * {@link FakeRegistry} stands in for registry-service.
 */
class LowMemorySwapTest {
  @TempDir
  Path tmp;

  @Test
  void requestsQueueDuringAOneAtATimeSwapAndNoneFails() throws Exception {
    Path a = TestModels.buildA();
    Path b = TestModels.buildB();
    Path state = tmp.resolve("state");
    LlamaRuntime runtime = TestDevices.llama(state);
    long one = runtime.memoryEstimate(b);
    long budget = one + one / 2; // room for one model, not two
    TestDevices.Events events = new TestDevices.Events();
    try (FakeRegistry reg = new FakeRegistry();
        OtaClient client = TestDevices.builder(reg, state).runtime(runtime).memoryBudgetBytes(budget)
            .addListener(events).build();
        LocalApiServer api = LocalApiServer.start(client.inference(), 0, 16)) {
      String pathA = reg.publish("a.gguf", a, 1);
      String pathB = reg.publish("b.gguf", b, 1);
      reg.offer(pathA, a);
      assertThat(client.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);

      LoadGenerator load = new LoadGenerator(api.port(), 4).start();
      Thread.sleep(800);
      reg.offer(pathB, b);
      long t0 = System.nanoTime();
      CheckInOutcome o = client.checkIn();
      long t1 = System.nanoTime();
      Thread.sleep(800);
      load.close();

      assertThat(o.result()).as(o.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
      assertThat(events.messages).anyMatch(m -> m.contains("one at a time"));
      assertThat(load.failures).isEmpty();
      assertThat(client.router().queueStats()[1]).as("requests that had to wait").isPositive();
      assertThat(client.inference().active().buildDigest()).isEqualTo(TestModels.digest(b));
      System.out.printf("low-RAM swap (budget %d bytes, one build %d): %d ok, 0 failed, up to %d queued; "
              + "swap took %.0f ms, longest request during it %.0f ms%n", budget, one, load.ok.get(),
          client.router().queueStats()[1], (t1 - t0) / 1e6, load.percentileMs(100, t0, t1));
    }
  }
}
