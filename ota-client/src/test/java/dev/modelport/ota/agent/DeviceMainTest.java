package dev.modelport.ota.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ota.CheckInOutcome;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.StubRuntime;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code device} command line against {@link FakeRegistry} (stand-in for registry-service's
 * device API): a first {@code run --once} enrolls with the pinned root and token, and {@code
 * status} describes the state directory without a running agent.
 */
class DeviceMainTest {
  @TempDir
  Path tmp;

  private static String run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = DeviceMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runOnceEnrollsAndChecksIn() throws Exception {
    try (FakeRegistry reg = new FakeRegistry()) {
      Path root = Files.write(tmp.resolve("root.json"), reg.tuf.bootstrapRoot);
      Path profile = Files.writeString(tmp.resolve("profile.json"),
          "{\"deviceClass\":\"dc-test-64\",\"region\":\"CN\",\"enrollmentToken\":\"" + FakeRegistry.ENROLLMENT_TOKEN
              + "\",\"conditions\":{\"network\":\"wifi\",\"charging\":true}}");
      String out = run("device", "run", "--server", reg.url(), "--state", tmp.resolve("state").toString(),
          "--profile", profile.toString(), "--root", root.toString(), "--once");
      assertThat(out).contains("check-in done: UP_TO_DATE");
      assertThat(reg.checkIns.get()).isEqualTo(1);
      assertThat(run("device", "status", "--state", tmp.resolve("state").toString())).contains("device id:        dev-");
    }
  }

  @Test
  void statusDescribesTheActiveBuildAndHowItWasVerified() throws Exception {
    Path a = TestModels.buildA();
    try (FakeRegistry reg = new FakeRegistry();
        OtaClient c = TestDevices.builder(reg, tmp.resolve("state")).runtime(new StubRuntime()).build()) {
      reg.offer(reg.publish("a.gguf", a, 3), a);
      assertThat(c.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);
    }
    String out = run("device", "status", "--state", tmp.resolve("state").toString());
    assertThat(out).contains("active build:     " + TestModels.digest(a))
        .contains("provenance class: DERIVED_FROM_LICENSED")
        .contains("filing:           CN CN-GENAI-2025-0042")
        .contains("verified against TUF role oem-a")
        .contains("anti-rollback:    3")
        .contains("pending reports:  0")
        .contains("HEALTHY");
  }

  @Test
  void missingOptionsAreUsageErrors() {
    assertThatThrownBy(() -> DeviceMain.run(new String[] {"device", "run", "--state", "x"}, System.out, System.err))
        .isInstanceOf(DeviceMain.UsageException.class).hasMessageContaining("--server");
    assertThatThrownBy(() -> DeviceMain.run(new String[] {"device", "fly"}, System.out, System.err))
        .isInstanceOf(DeviceMain.UsageException.class);
  }
}
