package dev.modelport.registry.filing;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.trust.log.StoredEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.intoto.FilingRecordPredicate;
import dev.modelport.signing.intoto.Statement;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every state of a filing is a signed statement in the transparency log, with an inclusion proof. */
@QuarkusTest
@WithTestResource(RealStack.class)
class FilingLogTest {

    @Inject
    TransparencyLog log;

    private Statement statementAt(int index) {
        StoredEntry entry = log.entry(index).orElseThrow();
        return Statement.fromJson(entry.envelope().payload());
    }

    @Test
    void submissionAndDecisionAreLoggedAsFilingRecords() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        String number = unique("CN-F");
        var submitted = as("oem").body(Map.of("jurisdiction", "CN", "filingNumber", number,
                "versions", List.of(version))).post("/api/v1/filings").then().statusCode(201).extract();
        int submittedIndex = submitted.path("logIndex");
        String id = submitted.path("id");

        int approvedIndex = as("regulator").body(Map.of("decision", "APPROVED", "reason", "complete"))
                .post("/api/v1/filings/" + id + "/decision").then().statusCode(200).extract().path("logIndex");

        assertThat(approvedIndex).isGreaterThan(submittedIndex);
        Statement approved = statementAt(approvedIndex);
        assertThat(approved.predicateType()).isEqualTo(FilingRecordPredicate.PREDICATE_TYPE);
        assertThat(approved.predicate().get("filingNumber").asText()).isEqualTo(number);
        assertThat(approved.predicate().get("status").asText()).isEqualTo("APPROVED");
        assertThat(statementAt(submittedIndex).predicate().get("status").asText()).isEqualTo("SUBMITTED");

        String leafHash = log.entry(approvedIndex).orElseThrow().entry().leafHash();
        as("regulator").queryParam("leafHash", leafHash).get("/api/v1/log/proof/inclusion").then().statusCode(200)
                .body("leafIndex", equalTo(approvedIndex));
    }
}
