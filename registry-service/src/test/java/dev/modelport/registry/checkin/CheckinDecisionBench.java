package dev.modelport.registry.checkin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.device.DeviceProfile;
import dev.modelport.registry.rollout.Cohort;
import dev.modelport.registry.rollout.RolloutState;
import dev.modelport.registry.rollout.RolloutStatus;
import dev.modelport.registry.rollout.Stage;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Not a test: the in-process cost of one check-in answer (decision from the snapshot, JSON, ETag digest) for fleets
 * of 100,000 and 1,000,000 distinct device ids, to show it does not grow with the fleet. HTTP is measured by
 * {@code ./modelport bench checkin}. Run after {@code test-compile} with the test classpath:
 * {@code java -cp <classpath> dev.modelport.registry.checkin.CheckinDecisionBench}.
 */
public final class CheckinDecisionBench {

    private CheckinDecisionBench() {
    }

    public static void main(String[] args) throws Exception {
        UUID owner = UUID.randomUUID();
        Snapshot snapshot = snapshot(owner, 10, 20);
        ObjectMapper json = new ObjectMapper();
        for (int fleet : new int[] {100_000, 1_000_000, 100_000, 1_000_000}) {
            String[] ids = new String[fleet];
            for (int i = 0; i < fleet; i++) {
                ids[i] = "dev-" + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 16);
            }
            long start = System.nanoTime();
            int updates = 0;
            int n = 2_000_000;
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < n; i++) {
                DeviceProfile p = new DeviceProfile("dc-" + (i % 20), "x1", "DE", "14", "b4500", 1L);
                CheckinDecider.Decision d = CheckinDecider.decide(snapshot, ids[i % fleet], owner, p, null);
                Snapshot.Target t = d.target();
                byte[] body = json.writeValueAsBytes(new CheckinAnswers.CheckinResponse(d.action().name(), 300,
                        t == null ? null : new CheckinAnswers.Tuf(t.tufRepository(), t.targetPath()),
                        t == null ? null : new CheckinAnswers.Target(t.digest(), t.length()), null, null));
                sha.digest(body);
                updates += d.action() == CheckinDecider.Action.UPDATE ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("fleet %,d: %,.0f answers/s on one thread (%.2f µs each), %.1f%% UPDATE%n", fleet,
                    n / seconds, seconds * 1e6 / n, 100.0 * updates / n);
        }
    }

    /** One owner with {@code channels} channels, each a running 10% rollout over a completed one. */
    private static Snapshot snapshot(UUID owner, int channels, int deviceClasses) {
        List<List<Snapshot.Route>> chains = new ArrayList<>();
        Map<String, Snapshot.Target> byDigest = new HashMap<>();
        for (int c = 0; c < channels; c++) {
            UUID channel = UUID.randomUUID();
            List<Snapshot.Route> chain = new ArrayList<>();
            for (RolloutStatus status : List.of(RolloutStatus.RUNNING, RolloutStatus.SUPERSEDED)) {
                UUID release = UUID.randomUUID();
                Map<String, Snapshot.Target> targets = new HashMap<>();
                for (int d = 0; d < deviceClasses; d++) {
                    String digest = "sha256:" + HexFormat.of().formatHex(new byte[32]).substring(8)
                            + String.format("%08x", byDigest.size());
                    Snapshot.Target t = new Snapshot.Target(owner, release, UUID.randomUUID(), null, "dc-" + d,
                            "oem/m-1.0.0-dc-" + d + "-q4_0.gguf", digest, 123_456_789L,
                            "device/v1/tuf/oem/c" + c + "/", Map.of());
                    targets.put("dc-" + d, t);
                    byDigest.put(digest, t);
                }
                Cohort cohort = new Cohort(List.of("dc-" + (c * 2 % deviceClasses), "dc-" + ((c * 2 + 1)
                        % deviceClasses)), List.of(), List.of("DE", "FR"), null, null);
                chain.add(new Snapshot.Route(new RolloutState(UUID.randomUUID(), owner, channel, release, null,
                        status, cohort, List.of(new Stage(10.0, 0, 0.1, null), new Stage(100.0, 0, 0.1, null)), 0,
                        Instant.now()), targets));
            }
            chains.add(chain);
        }
        return new Snapshot(1, Map.of(owner, chains), byDigest, Map.of(), Set.of(), Set.of(), Set.of(), Set.of("CN"),
                Instant.now());
    }
}
