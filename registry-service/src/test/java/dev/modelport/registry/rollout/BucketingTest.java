package dev.modelport.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stage membership by hash: shares hold over a large fleet, are stable, nest, and are independent per rollout. */
class BucketingTest {

    private static final int DEVICES = 100_000;

    private static String[] deviceIds() {
        Random random = new Random(42);
        String[] ids = new String[DEVICES];
        byte[] bytes = new byte[16];
        for (int i = 0; i < DEVICES; i++) {
            random.nextBytes(bytes);
            ids[i] = "dev-" + HexFormat.of().formatHex(bytes);
        }
        return ids;
    }

    @Test
    void stagePercentagesHoldWithinOnePercentOverAHundredThousandDevices() {
        String[] ids = deviceIds();
        for (int trial = 0; trial < 5; trial++) {
            UUID rollout = UUID.randomUUID();
            for (double percent : List.of(1.0, 10.0, 50.0, 100.0)) {
                int threshold = Bucketing.threshold(percent);
                long in = 0;
                for (String id : ids) {
                    if (Bucketing.bucket(rollout, id) < threshold) {
                        in++;
                    }
                }
                assertThat(100.0 * in / DEVICES).as("share in a %s%% stage", percent).isCloseTo(percent, within(1.0));
            }
        }
    }

    @Test
    void aDeviceKeepsItsBucketAndLaterStagesContainEarlierOnes() {
        UUID rollout = UUID.randomUUID();
        List<Stage> stages = List.of(new Stage(1.0, 0, 1.0, null), new Stage(10.0, 0, 1.0, null),
                new Stage(100.0, 0, 1.0, null));
        for (String id : deviceIds()) {
            int bucket = Bucketing.bucket(rollout, id);
            assertThat(Bucketing.bucket(rollout, id)).isEqualTo(bucket);
            int stage = Bucketing.stageOf(stages, bucket);
            assertThat(stage).isBetween(0, 2);
            for (int later = stage; later < stages.size(); later++) {
                assertThat(bucket).isLessThan(Bucketing.threshold(stages.get(later).percent()));
            }
        }
    }

    @Test
    void theFirstTenPercentOfTwoRolloutsAreIndependent() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        int threshold = Bucketing.threshold(10.0);
        long both = 0;
        for (String id : deviceIds()) {
            if (Bucketing.bucket(first, id) < threshold && Bucketing.bucket(second, id) < threshold) {
                both++;
            }
        }
        // Independent: 10% of 10% = 1% of the fleet is in both early stages, not 10%.
        assertThat(100.0 * both / DEVICES).isCloseTo(1.0, within(0.3));
    }
}
