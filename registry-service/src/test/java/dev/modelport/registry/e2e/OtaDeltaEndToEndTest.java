package dev.modelport.registry.e2e;

import static dev.modelport.registry.support.Distribution.channel;
import static dev.modelport.registry.support.Distribution.deviceClass;
import static dev.modelport.registry.support.Distribution.platformHeldOemKey;
import static dev.modelport.registry.support.RealPhones.activeModel;
import static dev.modelport.registry.support.RealPhones.awaitRollout;
import static dev.modelport.registry.support.RealPhones.checkInUntil;
import static dev.modelport.registry.support.RealPhones.platformBuild;
import static dev.modelport.registry.support.RealPhones.releaseAndRollOut;
import static dev.modelport.registry.support.RealPhones.version;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.ota.CheckInOutcome;
import dev.modelport.ota.OtaClient;
import dev.modelport.ota.OtaListener;
import dev.modelport.ota.Progress;
import dev.modelport.ota.agent.LocalApiServer;
import dev.modelport.ota.testing.LoadGenerator;
import dev.modelport.ota.testing.TestDevices;
import dev.modelport.ota.testing.TestModels;
import dev.modelport.registry.support.Fixtures;
import dev.modelport.registry.support.RealPhones;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delta update from the real registry to a phone that cannot hold two models: B, a platform build (F16) of A's model
 * with {@link TestModels#CHANGED_IN_B} changed, reaches the phone as only its changed tensors' bytes plus the header
 * (the per-tensor digests travel in the signed TUF target's {@code tensors}); the assembled file is B's exact bytes;
 * and since the memory budget holds one model only, the swap stops A first while local API requests wait in the queue
 * and none fails.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class OtaDeltaEndToEndTest {

    @TestHTTPResource("/")
    URL server;

    @TempDir
    Path tmp;

    @Test
    void lowRamPhoneFetchesOnlyBsChangedTensorsAndSwapsOneAtATimeWithoutAFailedRequest() throws Exception {
        platformHeldOemKey("oem", "orion-mobile");
        String phoneClass = deviceClass();
        String model = Fixtures.model("oem", "BASE", "PRIVATE");
        String v1 = version("oem", model, "1.0.0",
                Files.readAllBytes(TestModels.vectors().resolve("tiny-f32.gguf")));
        String v2 = version("oem", model, "1.1.0", Files.readAllBytes(TestModels.changedF32()));
        // F16, not Q8_0: the registry attributes reports by build digest, and the other end-to-end tests release
        // the Q8_0 builds of the same inputs in this JVM.
        JsonPath a = platformBuild("oem", v1, phoneClass, "F16");
        JsonPath b = platformBuild("oem", v2, phoneClass, "F16");
        String digestB = b.getString("outputDigest");
        // What changed, from the registry's build provenance (per-tensor digests, the TUF target's `tensors`).
        List<Map<String, Object>> tensorsA = a.getList("tensorDigests");
        List<Map<String, Object>> tensorsB = b.getList("tensorDigests");
        Set<String> inA = tensorsA.stream().map(t -> t.get("digest") + "/" + t.get("length"))
                .collect(Collectors.toSet());
        List<Map<String, Object>> changedTensors = tensorsB.stream()
                .filter(t -> !inA.contains(t.get("digest") + "/" + t.get("length"))).toList();
        assertThat(changedTensors).extracting(t -> (String) t.get("name"))
                .containsExactlyInAnyOrderElementsOf(TestModels.CHANGED_IN_B);
        long changed = changedTensors.stream().mapToLong(t -> ((Number) t.get("length")).longValue()).sum();
        long header = tensorsB.stream().mapToLong(t -> ((Number) t.get("offset")).longValue()).min().orElseThrow();
        long full = b.getLong("outputSize");

        String channel = channel("oem", model);
        String rolloutA = releaseAndRollOut("oem", channel, v1, a.getString("id"), phoneClass, 0, 1.0);
        Path state = tmp.resolve("phone");
        var runtime = TestDevices.llama(state);
        long one = runtime.memoryEstimate(TestModels.buildB()); // Q8_0 B: about the F16 one (context-bound)
        long budget = one + one / 2; // room for one model, not two
        TestDevices.Events events = new TestDevices.Events();
        var network = new ConcurrentHashMap<String, Long>();
        OtaListener bytes = new OtaListener() {
            @Override
            public void onProgress(Progress p) {
                if (p.phase() == Progress.Phase.DOWNLOAD) {
                    network.merge(p.buildDigest(), p.network(), Math::max);
                }
            }
        };
        try (OtaClient phone = RealPhones.phone(server.toString(), phoneClass, state).runtime(runtime)
                .memoryBudgetBytes(budget).addListener(events).addListener(bytes).build();
             LocalApiServer api = LocalApiServer.start(phone.inference(), 0, 16)) {
            CheckInOutcome first = phone.checkIn();
            assertThat(first.result()).as(first.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
            assertThat(network.get(a.getString("outputDigest"))).isEqualTo(a.getLong("outputSize"));
            phone.flushReports();
            awaitRollout("oem", rolloutA, "COMPLETED");

            LoadGenerator load = new LoadGenerator(api.port(), 4).start();
            Thread.sleep(1500);
            long steadyFrom = System.nanoTime() - 1_000_000_000L;
            long steadyTo = System.nanoTime();
            releaseAndRollOut("oem", channel, v2, b.getString("id"), phoneClass, 0, 1.0);
            long t0 = System.nanoTime();
            CheckInOutcome second = checkInUntil(phone, o -> o.result() != CheckInOutcome.Result.UP_TO_DATE);
            long t1 = System.nanoTime();
            Thread.sleep(1000);
            load.close();

            assertThat(second.result()).as(second.detail()).isEqualTo(CheckInOutcome.Result.INSTALLED);
            assertThat(events.messages).anyMatch(m -> m.contains("one at a time"));
            assertThat(load.failures).as("local API requests that failed").isEmpty();
            assertThat(load.answeredBy).containsKeys(a.getString("outputDigest"), digestB);
            assertThat(activeModel(api)).isEqualTo(digestB);

            long fetched = network.get(digestB);
            // The client counts what it reads off the wire: the 206 multipart answer's part headers (one small
            // block per range; the header and the k changed tensors) come on top of the changed bytes and header.
            long framing = 200L * (TestModels.CHANGED_IN_B.size() + 1);
            assertThat(fetched).isLessThanOrEqualTo((long) (1.02 * changed) + header + framing);
            Path installed = state.resolve("slots").resolve(phone.status().activeSlot())
                    .resolve(digestB.substring(7) + ".gguf");
            assertThat(TestModels.digest(installed)).isEqualTo(digestB);
            assertThat(Files.size(installed)).isEqualTo(full);
            System.out.printf("real registry delta: %d of %d tensors changed (%d bytes) + header %d; fetched %d of "
                            + "%d (%.1f%%)%n", TestModels.CHANGED_IN_B.size(),
                    tensorsB.size(), changed, header, fetched, full,
                    100.0 * fetched / full);
            System.out.printf("real registry low-RAM swap (budget %d, one build %d): %d ok, 0 failed; check-in to "
                            + "installed %.0f ms; longest request during it %.0f ms, p99 %.0f ms; steady p99 %.0f ms%n",
                    budget, one, load.ok.get(), (t1 - t0) / 1e6, load.percentileMs(100, t0, t1),
                    load.percentileMs(99, t0, t1), load.percentileMs(99, steadyFrom, steadyTo));
        }
    }
}
