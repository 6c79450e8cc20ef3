package dev.modelport.ota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds that must not go live. The health rule ({@link HealthCheck}): a greedy smoke completion
 * of "Hello" (8 tokens) must finish within the timeout with at least one token and non-empty
 * text. Two bad builds, both signed and verified, so only the runtime can catch them:
 *
 * <ul>
 *   <li>edge-f32 in Q8_0: llama.cpp loads it but generates tokens without text;
 *   <li>a GGUF whose header says 3 blocks but holds tensors for 2: llama.cpp refuses to load it
 *       and the worker exits.
 * </ul>
 *
 * Each time A keeps serving (continuous requests, none fails), FAILED is reported with the
 * reason, the build is not retried, and it is removed from its slot. The one-at-a-time case
 * (low memory) restarts A after the failure while requests wait. Real llama.cpp workers;
 * {@link FakeRegistry} stands in for registry-service.
 */
class UnhealthyBuildTest {
  @TempDir
  Path tmp;

  @Test
  void buildWithEmptyOutputFailsTheHealthCheckAndAKeepsServing() throws Exception {
    refused(TestModels.emptyOutputBuild(), FailureCode.HEALTH_CHECK_FAILED, 0);
  }

  @Test
  void buildThatLlamaCppCannotLoadFailsAndAKeepsServing() throws Exception {
    refused(TestModels.unloadableBuild(), FailureCode.LOAD_FAILED, 0);
  }

  @Test
  void withoutRoomForTwoModelsAIsRestartedAfterTheFailedBuildAndRequestsOnlyWait() throws Exception {
    refused(TestModels.unloadableBuild(), FailureCode.LOAD_FAILED, 1);
  }

  private void refused(Path bad, FailureCode expected, long budget) throws Exception {
    Path a = TestModels.buildA();
    try (FakeRegistry reg = new FakeRegistry();
        OtaClient client = TestDevices.builder(reg, tmp.resolve("state")).memoryBudgetBytes(budget).build();
        LocalApiServer api = LocalApiServer.start(client.inference(), 0, 16)) {
      String pathA = reg.publish("a.gguf", a, 1);
      String pathBad = reg.publish("bad.gguf", bad, 1);
      reg.offer(pathA, a);
      assertThat(client.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);

      LoadGenerator load = new LoadGenerator(api.port(), 3).start();
      Thread.sleep(500);
      reg.offer(pathBad, bad);
      CheckInOutcome o = client.checkIn();
      Thread.sleep(500);
      load.close();

      assertThat(o.result()).isEqualTo(CheckInOutcome.Result.FAILED);
      assertThat(o.detail()).startsWith(expected.name());
      assertThat(load.failures).isEmpty();
      assertThat(load.answeredBy.keySet()).containsExactly(TestModels.digest(a));
      assertThat(client.inference().active().buildDigest()).isEqualTo(TestModels.digest(a));
      List<JsonNode> failed = reg.reportsOf("FAILED");
      assertThat(failed).hasSize(1);
      assertThat(failed.get(0).path("reason").asText()).startsWith(expected.name() + ": ");
      assertThat(failed.get(0).path("buildDigest").asText()).isEqualTo(TestModels.digest(bad));
      assertThat(client.status().rejected()).containsKey(TestModels.digest(bad));
      System.out.println("refused " + bad.getFileName() + ": " + failed.get(0).path("reason").asText());

      // offered again, it is not installed again
      CheckInOutcome again = client.checkIn();
      assertThat(again.result()).isEqualTo(CheckInOutcome.Result.FAILED);
      assertThat(again.detail()).startsWith("previously rejected");
      assertThat(reg.reportsOf("FAILED")).anyMatch(r -> r.path("reason").asText().startsWith("PREVIOUSLY_REJECTED"));
    }
  }
}
