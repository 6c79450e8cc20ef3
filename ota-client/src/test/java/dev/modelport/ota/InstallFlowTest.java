package dev.modelport.ota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The happy path end to end: enroll, check in, download, verify, install, health-check on a real
 * llama.cpp worker, serve, report. The registry is {@link FakeRegistry}, a stand-in for the
 * device API and TUF publishing that registry-service will provide; the runtime is real.
 */
class InstallFlowTest {
  @TempDir
  Path tmp;

  @Test
  void installsAFirstBuildAndServesItAndReportsEveryStep() throws Exception {
    Path a = TestModels.buildA();
    try (FakeRegistry reg = new FakeRegistry()) {
      String pathA = reg.publish("assistant-a.gguf", a, 1);
      reg.offer(pathA, a);
      TestDevices.Events events = new TestDevices.Events();
      try (OtaClient client = TestDevices.builder(reg, tmp.resolve("state")).addListener(events).build()) {
        CheckInOutcome o = client.checkIn();
        assertThat(o.result()).as(o.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
        assertThat(events.types()).containsExactly(OtaEvent.Type.DOWNLOADING, OtaEvent.Type.VERIFIED,
            OtaEvent.Type.INSTALLED, OtaEvent.Type.HEALTHY);
        assertThat(client.inference().active().buildDigest()).isEqualTo(TestModels.digest(a));
        CompletionResult r = client.inference().complete(CompletionRequest.greedy("Hello", 8), TokenListener.NONE);
        assertThat(r.tokens()).isPositive();
        assertThat(r.buildDigest()).isEqualTo(TestModels.digest(a));
        assertThat(reg.reportsOf("HEALTHY")).hasSize(1);
        assertThat(client.status().pendingReports()).isZero();
        assertThat(reg.bytesServed(TestModels.digest(a))).isEqualTo(Files.size(a));
        // a second check-in with the same answer is a no-op (and the server may answer 304)
        assertThat(client.checkIn().result()).isEqualTo(CheckInOutcome.Result.UP_TO_DATE);
      }
    }
  }
}
