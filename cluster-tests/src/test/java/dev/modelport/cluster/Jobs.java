package dev.modelport.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A build's job as the database records it, and what the clustered Quartz store holds about it. */
final class Jobs {

    /** The {@code job} row: where it runs ({@code instance}, the Quartz instance id) and how far it got. */
    record Row(String id, String state, String instance, int attempts, long bytesDone) {
    }

    private Jobs() {
    }

    static Optional<Row> ofBuild(Connection db, String buildId) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT id, state, instance, attempts, bytes_done FROM job "
                + "WHERE kind = 'build.quantize' AND params = ?")) {
            q.setString(1, buildId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getLong(5))) : Optional.empty();
            }
        }
    }

    /** Whether Quartz stored the job so that another instance re-runs it when its instance dies. */
    static boolean requestsRecovery(Connection db, String jobId) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT requests_recovery FROM qrtz_job_details WHERE job_name = ?")) {
            q.setString(1, jobId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("job " + jobId + " is not in qrtz_job_details");
                }
                return rs.getBoolean(1);
            }
        }
    }

    /** Each live scheduler's cluster check-in interval in ms: how soon the others notice that it died. */
    static List<Long> checkinIntervals(Connection db) throws SQLException {
        List<Long> intervals = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT checkin_interval FROM qrtz_scheduler_state");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                intervals.add(rs.getLong(1));
            }
        }
        return intervals;
    }
}
