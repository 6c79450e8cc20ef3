package dev.modelport.registry.audit;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every state change leaves a hash-chained event; editing a row in the database is detected. */
@QuarkusTest
@WithTestResource(RealStack.class)
class AuditChainTest {

    @Inject
    DataSource db;

    @Test
    void stateChangesAreRecordedWithBeforeAndAfter() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        as("oem").queryParam("object", "version:" + version).get("/api/v1/audit/events").then().statusCode(200)
                .body("items.action", hasItems("version.created", "version.published"))
                .body("items.find { it.action == 'version.published' }.before.status", equalTo("DRAFT"))
                .body("items.find { it.action == 'version.published' }.after.status", equalTo("PUBLISHED"))
                .body("items[0].actor", equalTo("oem"));
        as("oem2").queryParam("object", "version:" + version).get("/api/v1/audit/events").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void editingARowDirectlyIsReportedByVerification() throws SQLException {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        as("admin").get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        long seq = lastSeqOf(version);
        String original = column(seq, "after_json");

        // Someone with database rights turns off the append-only trigger and rewrites history.
        String forged = original.replace("\"status\":\"PUBLISHED\"", "\"status\":\"REVOKED\"");
        assertThat(forged).isNotEqualTo(original);
        rewrite(seq, forged);
        try {
            as("regulator").get("/api/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq))
                    .body("reason", containsString("changed"));
        } finally {
            rewrite(seq, original);
        }
        as("admin").get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void theApplicationCannotUpdateOrDeleteEvents() throws SQLException {
        long seq = lastSeqOf(publishedModel("oem", "BASE", "PRIVATE"));
        assertThatThrownBy(() -> {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_event WHERE seq = " + seq);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_event SET actor = 'someone else' WHERE seq = " + seq);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }

    @Test
    void onlyOverseersVerifyTheWholeChain() {
        as("oem").get("/api/v1/audit/verify").then().statusCode(403);
        as("vendor").get("/api/v1/audit/verify").then().statusCode(403);
    }

    private long lastSeqOf(String version) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT max(seq) FROM audit_event WHERE object_type = 'version' AND object_id = ?")) {
            s.setString(1, version);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String column(long seq, String column) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + column + " FROM audit_event WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void rewrite(long seq, String afterJson) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                 PreparedStatement update = c.prepareStatement("UPDATE audit_event SET after_json = ? WHERE seq = ?")) {
                s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change");
                update.setString(1, afterJson);
                update.setLong(2, seq);
                assertThat(update.executeUpdate()).isEqualTo(1);
                s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change");
            }
            c.commit();
        }
    }
}
