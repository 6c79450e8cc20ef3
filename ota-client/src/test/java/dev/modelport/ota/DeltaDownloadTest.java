package dev.modelport.ota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.gguf.digest.GgufManifest;
import dev.modelport.gguf.digest.TensorDigest;
import dev.modelport.ota.testing.FakeRegistry;
import dev.modelport.ota.testing.StubRuntime;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delta updates: when B shares tensors with the installed A (per-tensor digests in the signed
 * target), the device fetches only the changed tensors' byte ranges plus the GGUF header, copies
 * the rest from A, and ends with a file byte-identical to a full download.
 *
 * <p>The registry is {@link FakeRegistry} (stand-in for registry-service's blob and TUF
 * endpoints, which will serve multipart/byteranges the same way). The parameterized cases run on
 * {@link StubRuntime} because they measure bytes, not inference; the last case installs on
 * real llama.cpp workers.
 */
class DeltaDownloadTest {
  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0} of 21 tensors changed")
  @ValueSource(ints = {1, 3, 8, 21})
  void fetchesOnlyChangedTensorsAndAssemblesTheSameBytesAsAFullDownload(int k) throws Exception {
    Path a = TestModels.buildA();
    List<String> names = GgufManifest.of(a).tensors().stream().map(TensorDigest::name).toList();
    Path b = TestModels.variant("k" + k, Set.copyOf(names.subList(0, k)));
    runDelta(a, b, new StubRuntime(), k);
  }

  @Test
  void deltaBuildServesOnRealLlamaCpp() throws Exception {
    runDelta(TestModels.buildA(), TestModels.buildB(), null, TestModels.CHANGED_IN_B.size());
  }

  private void runDelta(Path a, Path b, ModelRuntime runtime, int k) throws Exception {
    GgufManifest ma = GgufManifest.of(a);
    GgufManifest mb = GgufManifest.of(b);
    Set<String> inA = ma.tensors().stream().map(t -> t.sha256() + "/" + t.range().length()).collect(Collectors.toSet());
    long changed = mb.tensors().stream().filter(t -> !inA.contains(t.sha256() + "/" + t.range().length()))
        .mapToLong(t -> t.range().length()).sum();
    long changedCount = mb.tensors().stream().filter(t -> !inA.contains(t.sha256() + "/" + t.range().length())).count();
    assertThat(changedCount).isEqualTo(k);
    long header = mb.header().length();

    try (FakeRegistry reg = new FakeRegistry()) {
      String pathA = reg.publish("a.gguf", a, 1);
      String pathB = reg.publish("b.gguf", b, 1);
      String digestB = TestModels.digest(b);
      OtaClient.Builder builder = TestDevices.builder(reg, tmp.resolve("delta"));
      if (runtime != null) {
        builder.runtime(runtime);
      }
      try (OtaClient client = builder.build()) {
        reg.offer(pathA, a);
        assertThat(client.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);
        reg.resetCounters();
        reg.offer(pathB, b);
        CheckInOutcome o = client.checkIn();
        assertThat(o.result()).as(o.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
        assertThat(client.inference().active().buildDigest()).isEqualTo(digestB);
        assertThat(client.inference().complete(CompletionRequest.greedy("Hello", 4), TokenListener.NONE).tokens())
            .isPositive();

        long payload = reg.rangeRequests.stream().mapToLong(DeltaDownloadTest::rangeBytes).sum();
        long wire = reg.bytesServed(digestB);
        // payload: only changed tensors and the header (plus alignment padding between them)
        assertThat(payload).isLessThanOrEqualTo((long) (1.02 * changed) + header);
        // on the wire, multipart framing adds one small part header per range
        assertThat(wire).isLessThanOrEqualTo((long) (1.02 * changed) + header + 200L * (k + 1));
        System.out.printf("delta k=%d of %d: changed tensor bytes %d, header %d, requested %d, on the wire %d, full %d%n",
            k, mb.tensors().size(), changed, header, payload, wire, Files.size(b));
        Path installed = client.status().activeSlot() == null ? null
            : tmp.resolve("delta/slots").resolve(client.status().activeSlot()).resolve(digestB.substring(7) + ".gguf");
        assertThat(Files.mismatch(installed, b)).isEqualTo(-1L);
      }

      // a fresh device downloads all of B and gets the same bytes
      reg.resetCounters();
      OtaClient.Builder fresh = TestDevices.builder(reg, tmp.resolve("full")).runtime(new StubRuntime());
      try (OtaClient client = fresh.build()) {
        assertThat(client.checkIn().result()).isEqualTo(CheckInOutcome.Result.INSTALLED);
        assertThat(reg.bytesServed(digestB)).isEqualTo(Files.size(b));
        Path full = tmp.resolve("full/slots").resolve(client.status().activeSlot()).resolve(digestB.substring(7) + ".gguf");
        assertThat(Files.mismatch(full, b)).isEqualTo(-1L);
      }
    }
  }

  /** Bytes a {@code Range: bytes=a-b,c-d} header asks for. */
  static long rangeBytes(String header) {
    if (header == null || !header.startsWith("bytes=")) {
      return 0;
    }
    long sum = 0;
    for (String spec : header.substring(6).split(",")) {
      String[] ab = spec.trim().split("-");
      sum += Long.parseLong(ab[1]) - Long.parseLong(ab[0]) + 1;
    }
    return sum;
  }
}
