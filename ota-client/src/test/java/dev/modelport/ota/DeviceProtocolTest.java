package dev.modelport.ota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.StubRuntime;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device side of the wire protocol against {@link FakeRegistry}, a stand-in for
 * registry-service's {@code /device/v1} (which implements the same proposal later): enrollment
 * once with a key kept in the state directory, signed token requests, ETag check-ins, reports
 * retried until acknowledged, resumed downloads, the download policy, the background loop, and
 * listeners that cannot break anything. Runtime: {@link StubRuntime}; these tests are about the
 * protocol.
 */
class DeviceProtocolTest {
  @TempDir
  Path tmp;

  private OtaClient.Builder device(FakeRegistry reg) {
    return TestDevices.builder(reg, tmp.resolve("state")).runtime(new StubRuntime());
  }

  @Test
  void enrollsOnceAndKeepsItsKeyAndIdAcrossRestarts() throws Exception {
    try (FakeRegistry reg = new FakeRegistry()) {
      String id;
      try (OtaClient c = device(reg).build()) {
        id = c.deviceId();
        assertThat(c.checkIn().result()).isEqualTo(CheckInOutcome.Result.UP_TO_DATE);
      }
      Path key = tmp.resolve("state/device-key.pem");
      assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      // restarted without an enrollment token: same id, and the server accepts its signed token requests
      try (OtaClient c = device(reg).identity(DeviceIdentity.alreadyEnrolled()).build()) {
        assertThat(c.deviceId()).isEqualTo(id);
        assertThat(c.checkIn().result()).isEqualTo(CheckInOutcome.Result.UP_TO_DATE);
      }
    }
  }

  @Test
  void wrongEnrollmentTokenIsAClearError() throws Exception {
    try (FakeRegistry reg = new FakeRegistry();
        OtaClient c = device(reg).identity(DeviceIdentity.enrollingWith("stolen")).build()) {
      assertThatThrownBy(c::checkIn).isInstanceOf(DeviceApi.HttpStatusException.class).hasMessageContaining("403");
    }
  }

  @Test
  void unchangedCheckInAnswersComeBackAsNotModified() throws Exception {
    try (FakeRegistry reg = new FakeRegistry(); OtaClient c = device(reg).build()) {
      c.checkIn();
      c.checkIn();
      c.checkIn();
      assertThat(reg.notModified.get()).isEqualTo(2);
    }
  }

  @Test
  void reportsAreRetriedUntilTheServerAcknowledgesThem() throws Exception {
    Path a = TestModels.buildA();
    try (FakeRegistry reg = new FakeRegistry(); OtaClient c = device(reg).build()) {
      reg.offer(reg.publish("a.gguf", a, 1), a);
      reg.failReports = true;
      assertThat(c.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);
      assertThat(c.status().pendingReports()).isEqualTo(4);
      assertThat(reg.reports).isEmpty();
      reg.failReports = false;
      assertThat(c.flushReports()).isZero();
      assertThat(reg.reports).extracting(r -> r.path("type").asText())
          .containsExactly("DOWNLOADING", "VERIFIED", "INSTALLED", "HEALTHY");
      assertThat(c.flushReports()).isZero();
      assertThat(reg.reports).hasSize(4); // nothing sent twice once acknowledged
    }
  }

  @Test
  void aDroppedConnectionIsResumedWithoutFetchingAByteTwice() throws Exception {
    Path a = TestModels.buildA();
    try (FakeRegistry reg = new FakeRegistry(); OtaClient c = device(reg).build()) {
      reg.offer(reg.publish("a.gguf", a, 1), a);
      reg.blobMode = FakeRegistry.BlobMode.HALF_THEN_DROP;
      AtomicInteger dropped = new AtomicInteger();
      Thread healer = new Thread(() -> {
        while (reg.rangeRequests.size() < 2) {
          Thread.onSpinWait();
        }
        reg.blobMode = FakeRegistry.BlobMode.NORMAL;
        dropped.incrementAndGet();
      });
      healer.start();
      CheckInOutcome o = c.checkIn();
      healer.join();
      assertThat(o.result()).as(o.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
      assertThat(reg.rangeRequests.size()).isGreaterThanOrEqualTo(2);
      assertThat(reg.rangeRequests.get(0)).isEqualTo("bytes=0-" + (Files.size(a) - 1));
      // every later request starts where the file on disk ended, and nothing beyond the blob was sent
      assertThat(reg.rangeRequests.subList(1, reg.rangeRequests.size())).allMatch(r -> !r.startsWith("bytes=0-"));
      assertThat(reg.bytesServed(TestModels.digest(a))).isEqualTo(Files.size(a));
    }
  }

  @Test
  void bytesPastTheLastFsyncCheckpointAreDroppedAndFetchedAgainFromTheDurableLength() throws Exception {
    Path a = TestModels.buildA();
    String hex = TestModels.digest(a).substring("sha256:".length());
    byte[] target = Files.readAllBytes(a);
    int durable = 8192;
    Path staging = Files.createDirectories(tmp.resolve("state").resolve("staging"));
    // What a power cut can leave: the file is longer than what was fsynced, and its tail is not the target's.
    byte[] onDisk = java.util.Arrays.copyOf(target, durable + 4096);
    java.util.Arrays.fill(onDisk, durable, onDisk.length, (byte) 0);
    Files.write(staging.resolve(hex + ".part"), onDisk);
    Files.writeString(staging.resolve(hex + ".part.durable"), Integer.toString(durable));
    try (FakeRegistry reg = new FakeRegistry(); OtaClient c = device(reg).build()) {
      reg.offer(reg.publish("a.gguf", a, 1), a);
      CheckInOutcome o = c.checkIn();
      assertThat(o.result()).as(o.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
      assertThat(reg.rangeRequests).containsExactly("bytes=" + durable + "-" + (target.length - 1));
      assertThat(reg.bytesServed(TestModels.digest(a))).isEqualTo(target.length - durable);
      assertThat(Files.list(staging)).as("no staging file or durable record is left").isEmpty();
    }
  }

  @Test
  void wifiOnlyPolicyDefersTheDownloadOnCellularAndGoesAheadOnWifi() throws Exception {
    Path a = TestModels.buildA();
    DeviceConditions[] now = {new DeviceConditions(DeviceConditions.Network.CELLULAR, true, true)};
    try (FakeRegistry reg = new FakeRegistry();
        OtaClient c = device(reg).downloadPolicy(new DownloadPolicy(true, false, 0, -1)).conditions(() -> now[0]).build()) {
      reg.offer(reg.publish("a.gguf", a, 1), a);
      CheckInOutcome o = c.checkIn();
      assertThat(o.result()).isEqualTo(CheckInOutcome.Result.DEFERRED);
      assertThat(o.detail()).contains("Wi-Fi only");
      assertThat(reg.bytesServed(TestModels.digest(a))).isZero();
      now[0] = new DeviceConditions(DeviceConditions.Network.WIFI, false, false);
      assertThat(c.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);
    }
  }

  @Test
  void meteredLimitChargingAndFreeSpaceRulesDeferWithAReason() {
    DownloadPolicy p = new DownloadPolicy(false, true, 1000, 500);
    DeviceConditions metered = new DeviceConditions(DeviceConditions.Network.CELLULAR, true, true);
    assertThat(p.deferReason(metered, 600, 600, 1 << 20)).contains("metered");
    assertThat(p.deferReason(metered, 400, 5000, 1 << 20)).isNull(); // a delta: few bytes over the air
    assertThat(p.deferReason(new DeviceConditions(DeviceConditions.Network.WIFI, false, false), 10, 10, 1 << 20))
        .contains("charging");
    assertThat(p.deferReason(DeviceConditions.ideal(), 10, 10, 1005)).contains("free");
    assertThat(p.deferReason(new DeviceConditions(DeviceConditions.Network.NONE, false, true), 10, 10, 1 << 20))
        .contains("no network");
  }

  @Test
  void aThrowingListenerCannotBreakAnInstall() throws Exception {
    Path a = TestModels.buildA();
    OtaListener broken = new OtaListener() {
      @Override
      public void onProgress(Progress p) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void onEvent(OtaEvent e) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void onMessage(String m) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (FakeRegistry reg = new FakeRegistry(); OtaClient c = device(reg).addListener(broken).build()) {
      reg.offer(reg.publish("a.gguf", a, 1), a);
      assertThat(c.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);
    }
  }

  @Test
  void backgroundLoopChecksInOnTheServersIntervalAndInstalls() throws Exception {
    Path a = TestModels.buildA();
    try (FakeRegistry reg = new FakeRegistry(); OtaClient c = device(reg).build()) {
      c.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (reg.checkIns.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      reg.offer(reg.publish("a.gguf", a, 1), a);
      c.pollNow();
      while (c.inference().active() == null && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(c.inference().active().buildDigest()).isEqualTo(TestModels.digest(a));
    }
  }

  @Test
  void aSecondClientOnTheSameStateDirectoryIsRefused() throws Exception {
    try (FakeRegistry reg = new FakeRegistry(); OtaClient c = device(reg).build()) {
      assertThatThrownBy(() -> device(reg).build()).isInstanceOf(IOException.class).hasMessageContaining("in use");
    }
  }

  @Test
  void serverRequestedRollbackReusesThePreviousSlotWithoutDownloading() throws Exception {
    Path a = TestModels.buildA();
    Path b = TestModels.buildB();
    try (FakeRegistry reg = new FakeRegistry(); OtaClient c = device(reg).build()) {
      String pathA = reg.publish("a.gguf", a, 1);
      reg.offer(pathA, a);
      c.checkIn();
      reg.offer(reg.publish("b.gguf", b, 1), b);
      c.checkIn();
      reg.resetCounters();
      reg.offer("ROLLBACK", pathA, a);
      CheckInOutcome o = c.checkIn();
      assertThat(o.result()).as(o.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
      assertThat(c.inference().active().buildDigest()).isEqualTo(TestModels.digest(a));
      assertThat(reg.bytesServed(TestModels.digest(a))).isZero();
      assertThat(reg.reportsOf("ROLLED_BACK")).singleElement()
          .satisfies(e -> assertThat(e.path("buildDigest").asText()).isEqualTo(TestModels.digest(a)));
      assertThat(reg.reportsOf("HEALTHY")).filteredOn(e -> e.path("buildDigest").asText().equals(TestModels.digest(a)))
          .hasSize(2); // first install and re-activation are separate attempts
    }
  }

  @Test
  void removeStopsServing() throws Exception {
    Path a = TestModels.buildA();
    try (FakeRegistry reg = new FakeRegistry(); OtaClient c = device(reg).build()) {
      reg.offer(reg.publish("a.gguf", a, 1), a);
      c.checkIn();
      reg.offerRaw(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("action", "REMOVE"));
      assertThat(c.checkIn().result()).isEqualTo(CheckInOutcome.Result.REMOVED);
      assertThat(c.inference().active()).isNull();
      assertThatThrownBy(() -> c.inference().complete(CompletionRequest.greedy("x", 1), TokenListener.NONE))
          .isInstanceOf(ModelUnavailableException.class);
    }
  }
}
