package dev.modelport.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.cli.Api;
import dev.modelport.devstack.LocalCluster;
import dev.modelport.devstack.SimulatedPhone;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL stopped and started again (same data directory, same port) while phones check in and report through
 * nginx and directly to each instance: every instance answers reports again by itself within seconds of PostgreSQL
 * accepting connections, check-ins never needed it, no acknowledged report is lost, and each instance's change feed
 * has reconnected (a revocation made through one instance is enforced by the others).
 */
@ExtendWith(ClusterStack.Extension.class)
@Order(2)
class PostgresRestartIT {

    /** From PostgreSQL accepting connections again to the first acknowledged report on every instance. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);
    static final Duration DOWN_FOR = Duration.ofSeconds(3);
    static final String SOME_BUILD = "sha256:" + "cd".repeat(32);

    private final ClusterStack stack = ClusterStack.get();
    private final LocalCluster cluster = stack.cluster();
    private final Operators operators = new Operators(stack.tokens());

    @Test
    void afterARestartUnderLoadEveryInstanceRecoversBySelfWithinSecondsAndNoAcknowledgedReportIsLost()
            throws Exception {
        Api admin = operators.as("admin", cluster.entryUrl());
        Api oem = operators.as(Releases.OEM, cluster.entryUrl());
        String phoneClass = Releases.deviceClass(admin);
        List<SimulatedPhone> phones = Phones.simulated(oem, cluster.entryUrl(), phoneClass, 24 + cluster.size());

        DeviceTraffic throughNginx = DeviceTraffic.start(cluster.entryUrl(), phones.subList(0, 24), SOME_BUILD, 2);
        List<DeviceTraffic> direct = new ArrayList<>();
        for (int n = 1; n <= cluster.size(); n++) {
            direct.add(DeviceTraffic.start(cluster.instanceUrl(n), List.of(phones.get(24 + n - 1)), SOME_BUILD, 1));
        }
        List<DeviceTraffic> all = new ArrayList<>(direct);
        all.add(throughNginx);
        long[] downAt = new long[all.size()];
        long[] upAt = new long[all.size()];
        try {
            Thread.sleep(2000);
            long stopping = System.nanoTime();
            stack.stopPostgres();
            long stopped = System.nanoTime();
            mark(all, downAt);
            Thread.sleep(DOWN_FOR.toMillis());
            long starting = System.nanoTime();
            stack.startPostgres();
            long started = System.nanoTime();
            mark(all, upAt);
            Measurements.record("pg restart", "PostgreSQL stop / down / start",
                    ms(stopped - stopping) + " / " + DOWN_FOR.toMillis() + " / " + ms(started - starting) + " ms");

            for (int n = 1; n <= cluster.size(); n++) {
                DeviceTraffic probe = direct.get(n - 1);
                long recovered = awaitFirstOk(probe, upAt[n - 1]);
                Measurements.record("pg restart", "first acknowledged report on #" + n + " after PostgreSQL is up",
                        recovered + " ms");
                assertThat(Duration.ofMillis(recovered)).as("instance " + n + " answers reports again")
                        .isLessThanOrEqualTo(RECOVERY_BOUND);
            }
            Thread.sleep(1000);
        } finally {
            for (DeviceTraffic t : all) {
                t.close();
            }
        }
        long checkinsWhileDown = 0;
        long checkinsFailedWhileDown = 0;
        for (int i = 0; i < all.size(); i++) {
            long from = downAt[i];
            long to = upAt[i];
            checkinsWhileDown += all.get(i).samples().stream().filter(s -> s.endpoint().equals("checkin")
                    && s.ok() && s.atMillis() > from && s.atMillis() < to).count();
            checkinsFailedWhileDown += all.get(i).samples().stream().filter(s -> s.endpoint().equals("checkin")
                    && !s.ok() && s.atMillis() > from && s.atMillis() < to).count();
        }
        Measurements.record("pg restart", "check-ins answered / failed while PostgreSQL was down",
                checkinsWhileDown + " / " + checkinsFailedWhileDown);
        assertThat(checkinsWhileDown).as("check-ins answered from memory while PostgreSQL was down").isPositive();
        assertThat(checkinsFailedWhileDown).as("check-ins failed while PostgreSQL was down").isZero();

        try (Connection db = stack.db()) {
            for (DeviceTraffic t : all) {
                assertThat(Reports.missing(db, t.acknowledged())).as("acknowledged reports missing").isEmpty();
            }
        }
        Measurements.record("pg restart", "reports acknowledged (all found in device_report)",
                Long.toString(all.stream().mapToLong(DeviceTraffic::acknowledgedCount).sum()));

        changeFeedReconnected(oem, phones.get(0));
    }

    /** A revocation through instance 1 reaches instances 2 and 3, over the change feed's new connections. */
    private void changeFeedReconnected(Api oem, SimulatedPhone phone) throws Exception {
        operators.as(Releases.OEM, cluster.instanceUrl(1)).post("/api/v1/devices/" + phone.deviceId() + "/revoke",
                Map.of());
        long since = System.nanoTime();
        for (int n = 2; n <= cluster.size(); n++) {
            long deadline = since + RolloutAcrossInstancesIT.PROPAGATION_BOUND.toNanos();
            int status = 200;
            while (status != 401 && System.nanoTime() < deadline) {
                try {
                    phone.checkIn(cluster.instanceUrl(n), null);
                } catch (SimulatedPhone.RefusedException e) {
                    status = e.status();
                }
                Thread.sleep(25);
            }
            assertThat(status).as("instance " + n + " refuses the device revoked through instance 1").isEqualTo(401);
            Measurements.record("pg restart", "revocation on #1 → refused by #" + n + " (change feed reconnected)",
                    ms(System.nanoTime() - since) + " ms");
        }
    }

    private static void mark(List<DeviceTraffic> traffic, long[] at) {
        for (int i = 0; i < traffic.size(); i++) {
            at[i] = traffic.get(i).millis();
        }
    }

    private static long awaitFirstOk(DeviceTraffic probe, long from) throws InterruptedException {
        long deadline = System.nanoTime() + 2 * RECOVERY_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            long first = probe.firstOkAfter("report", from);
            if (first >= 0) {
                return first - from;
            }
            Thread.sleep(100);
        }
        return 2 * RECOVERY_BOUND.toMillis();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
