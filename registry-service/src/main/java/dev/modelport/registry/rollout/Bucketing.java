package dev.modelport.registry.rollout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

/**
 * A device's place in a rollout: SHA-256 of rollout id and device id, reduced to a bucket in [0, 10000). The same
 * device always lands in the same bucket of a rollout (it stays in once in), and its buckets in two rollouts are
 * independent, so the same 1% of phones is not always first.
 */
public final class Bucketing {

    /** Buckets per 100 %: stage percentages have two decimals of resolution. */
    public static final int BUCKETS = 10_000;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Bucketing() {
    }

    public static int bucket(UUID rolloutId, String deviceId) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        sha.update(rolloutId.toString().getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(deviceId.getBytes(StandardCharsets.UTF_8));
        long high = ByteBuffer.wrap(sha.digest()).getLong();
        return (int) Long.remainderUnsigned(high, BUCKETS);
    }

    /** Buckets below this are in a stage of {@code percent}. */
    public static int threshold(double percent) {
        return (int) Math.round(percent * BUCKETS / 100.0);
    }

    /** The first stage whose percentage includes {@code bucket} (0-based), or -1 if none does. */
    public static int stageOf(List<Stage> stages, int bucket) {
        for (int i = 0; i < stages.size(); i++) {
            if (bucket < threshold(stages.get(i).percent())) {
                return i;
            }
        }
        return -1;
    }
}
