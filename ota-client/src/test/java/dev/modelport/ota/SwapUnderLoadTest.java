package dev.modelport.ota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap without failing a request: the device serves build A on real llama.cpp workers while
 * apps hammer the local API; it installs B (side by side: start B's worker, health-check it,
 * switch routing atomically, drain A, stop A's worker). No request fails, and {@code /v1/models}
 * names B afterwards. The registry is {@link FakeRegistry}, a stand-in for registry-service's
 * device API and TUF publishing (not built yet).
 */
class SwapUnderLoadTest {
  @TempDir
  Path tmp;

  @Test
  void swapsToBUnderContinuousRequestsWithoutASingleFailure() throws Exception {
    Path a = TestModels.buildA();
    Path b = TestModels.buildB();
    try (FakeRegistry reg = new FakeRegistry();
        OtaClient client = TestDevices.builder(reg, tmp.resolve("state")).build();
        LocalApiServer api = LocalApiServer.start(client.inference(), 0, 16)) {
      String pathA = reg.publish("assistant-a.gguf", a, 1);
      String pathB = reg.publish("assistant-b.gguf", b, 2);
      reg.offer(pathA, a);
      assertThat(client.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);

      LoadGenerator load = new LoadGenerator(api.port(), 4).start();
      Thread.sleep(1500); // steady state on A
      long swapStart = System.nanoTime();
      reg.offer(pathB, b);
      CheckInOutcome o = client.checkIn();
      long swapEnd = System.nanoTime();
      Thread.sleep(1500); // steady state on B
      load.close();

      assertThat(o.result()).as(o.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
      assertThat(load.failures).isEmpty();
      assertThat(load.answeredBy).containsKeys(TestModels.digest(a), TestModels.digest(b));
      String models = LoadGenerator.get(api.port(), "/v1/models");
      var data = new ObjectMapper().readTree(models).path("data");
      assertThat(data).hasSize(1);
      assertThat(data.get(0).path("id").asText()).isEqualTo(TestModels.digest(b));
      assertThat(data.get(0).has("filing")).isTrue();
      System.out.printf("swap under load: %d requests ok, 0 failed; steady p99 %.1f ms, during swap (%.0f ms) p99 %.1f ms max %.1f ms%n",
          load.ok.get(), load.percentileMs(99, 0, swapStart), (swapEnd - swapStart) / 1e6,
          load.percentileMs(99, swapStart, swapEnd), load.percentileMs(100, swapStart, swapEnd));
    }
  }
}
