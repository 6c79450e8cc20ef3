package dev.modelport.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.cli.Api;
import dev.modelport.devstack.LlamaGguf;
import dev.modelport.devstack.LocalCluster;
import dev.modelport.devstack.SimulatedPhone;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of one of three instances in the middle of device traffic through nginx, while that very instance runs a
 * platform build: the phones retry and lose no acknowledged report, and the clustered job engine re-runs the build on
 * another instance, where it completes.
 */
@ExtendWith(ClusterStack.Extension.class)
@Order(3)
class InstanceKillIT {

    /** 240 MB of F32 weights: the build runs for several seconds, long enough to be killed in the middle. */
    static final LlamaGguf LARGE = new LlamaGguf(8, 768, 2048, 2048);
    /** Quartz notices a dead instance after its check-in interval plus 7.5 s, then the build runs again. */
    static final long MAX_CHECKIN_INTERVAL_MILLIS = 5000;
    static final Duration BUILD_RECOVERY_BOUND = Duration.ofSeconds(90);
    static final String SOME_BUILD = "sha256:" + "ab".repeat(32);

    @TempDir
    Path tmp;

    private final ClusterStack stack = ClusterStack.get();
    private final LocalCluster cluster = stack.cluster();
    private final Operators operators = new Operators(stack.tokens());

    @Test
    void aKilledInstanceLosesNoAcknowledgedReportAndItsRunningBuildCompletesOnAnother() throws Exception {
        Api admin = operators.as("admin", cluster.entryUrl());
        Api oem = operators.as(Releases.OEM, cluster.entryUrl());
        String phoneClass = Releases.deviceClass(admin);
        Path weights = tmp.resolve("large-f32.gguf");
        LARGE.write(weights, "cluster-large", 42);
        String version = Releases.publishedVersion(oem, Releases.model(oem), "1.0.0", weights);
        List<SimulatedPhone> phones = Phones.simulated(oem, cluster.entryUrl(), phoneClass, 30);

        DeviceTraffic traffic = DeviceTraffic.start(cluster.entryUrl(), phones, SOME_BUILD, 3);
        long killedAt;
        String build;
        Jobs.Row killed;
        try (Connection db = stack.db()) {
            Thread.sleep(2000);
            build = Releases.requestBuild(oem, version, phoneClass).get("id").asText();
            Jobs.Row running = awaitJob(db, build, j -> "RUNNING".equals(j.state()) && j.bytesDone() > 0,
                    Duration.ofSeconds(60));
            assertThat(Jobs.requestsRecovery(db, running.id())).as("stored with requestsRecovery").isTrue();
            assertThat(Jobs.checkinIntervals(db)).hasSize(cluster.size())
                    .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(MAX_CHECKIN_INTERVAL_MILLIS));
            int victim = instanceNumber(running.instance());

            killedAt = traffic.millis();
            long killNanos = System.nanoTime();
            cluster.kill(victim);
            killed = Jobs.ofBuild(db, build).orElseThrow();
            assertThat(killed.state()).as("the build was still running when its instance died").isEqualTo("RUNNING");
            assertThat(killed.instance()).isEqualTo(running.instance());

            Jobs.Row rerun = awaitJob(db, build, j -> j.attempts() > killed.attempts(), BUILD_RECOVERY_BOUND);
            long rerunMillis = (System.nanoTime() - killNanos) / 1_000_000;
            Releases.awaitReady(oem, build, BUILD_RECOVERY_BOUND);
            long readyMillis = (System.nanoTime() - killNanos) / 1_000_000;
            Jobs.Row done = Jobs.ofBuild(db, build).orElseThrow();
            assertThat(done.state()).isEqualTo("SUCCEEDED");
            assertThat(done.instance()).as("completed on another instance").isNotEqualTo(killed.instance());
            assertThat(rerun.instance()).isNotEqualTo(killed.instance());
            Measurements.record("kill -9", "build re-run on another instance after the kill", rerunMillis + " ms");
            Measurements.record("kill -9", "build READY after the kill (" + LARGE.weightBytes() / 1_000_000
                    + " MB F32 → Q8_0)", readyMillis + " ms");
            Thread.sleep(2000);
        } finally {
            traffic.close();
        }

        long acknowledgedAfterKill = traffic.samples().stream()
                .filter(s -> s.endpoint().equals("report") && s.ok() && s.atMillis() > killedAt).count();
        assertThat(acknowledgedAfterKill).as("reports acknowledged after the kill").isPositive();
        try (Connection db = stack.db()) {
            assertThat(Reports.missing(db, traffic.acknowledged())).as("acknowledged reports missing").isEmpty();
        }
        Measurements.record("kill -9", "reports acknowledged (all found in device_report)",
                Long.toString(traffic.acknowledgedCount()));
        Measurements.record("kill -9", "device requests failed (then retried) of all, checkin / report",
                traffic.count("checkin", false) + " of " + (traffic.count("checkin", true)
                        + traffic.count("checkin", false)) + " / " + traffic.count("report", false) + " of "
                        + (traffic.count("report", true) + traffic.count("report", false)));
        long firstOk = traffic.firstOkAfter("report", killedAt);
        Measurements.record("kill -9", "first report acknowledged after the kill", (firstOk - killedAt) + " ms");
    }

    private static int instanceNumber(String quartzInstance) {
        for (int n = 1; n <= ClusterStack.INSTANCES; n++) {
            if (LocalCluster.instanceId(n).equals(quartzInstance)) {
                return n;
            }
        }
        throw new AssertionError("not an instance of this cluster: " + quartzInstance);
    }

    private static Jobs.Row awaitJob(Connection db, String build, Predicate<Jobs.Row> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var row = Jobs.ofBuild(db, build);
            if (row.isPresent() && done.test(row.get())) {
                return row.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("build " + build + "'s job did not get there within " + timeout + ": "
                        + row);
            }
            Thread.sleep(50);
        }
    }
}
