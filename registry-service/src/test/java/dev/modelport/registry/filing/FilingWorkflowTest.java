package dev.modelport.registry.filing;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.RegulatorFixtures.decide;
import static dev.modelport.registry.support.RegulatorFixtures.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelport.registry.catalog.VersionName;
import dev.modelport.registry.catalog.VersionService;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.trust.TrustFixtures;
import dev.modelport.registry.trust.KeyRole;
import dev.modelport.registry.trust.TrustKeyService;
import dev.modelport.registry.trust.log.StoredEntry;
import dev.modelport.registry.trust.log.TransparencyLog;
import dev.modelport.signing.intoto.FilingRecordPredicate;
import dev.modelport.signing.intoto.RegulatorActionPredicate;
import dev.modelport.signing.intoto.Statement;
import dev.modelport.signing.key.Ed25519PublicKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The regulator's filing queue, and decisions that are reasoned, signed and in the transparency log. */
@QuarkusTest
@WithTestResource(RealStack.class)
class FilingWorkflowTest {

    @Inject
    TransparencyLog log;

    @Inject
    TrustKeyService keys;

    @Inject
    Filings filings;

    @Inject
    VersionService versions;

    /** The statement at {@code index}, after checking it is signed by the platform's targets key. */
    private Statement platformSigned(long index) {
        StoredEntry entry = log.entry(index).orElseThrow();
        List<Ed25519PublicKey> platform = keys.keysOf(KeyRole.TARGETS).stream()
                .map(k -> Ed25519PublicKey.fromHex(k.publicKey())).toList();
        return Statement.verify(entry.envelope(), Statement.verifier(platform, 1));
    }

    @Test
    void theQueueListsSubmittedFilingsOfTheRegulatorsJurisdictionOldestFirstInPages() {
        String first = file("oem", "CN", publishedModel("oem", "BASE", "PRIVATE"));
        String second = file("oem", "CN", publishedModel("oem", "BASE", "PRIVATE"));
        String european = file("oem", "EU", publishedModel("oem", "BASE", "PRIVATE"));

        List<String> queued = new ArrayList<>();
        String cursor = null;
        do {
            var page = as("regulator").queryParam("limit", 2).queryParam("filer", "orion-mobile")
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/filings/queue").then()
                    .statusCode(200).extract();
            List<String> ids = page.path("items.id");
            List<String> statuses = page.path("items.status");
            assertThat(ids).hasSizeLessThanOrEqualTo(2);
            assertThat(statuses).containsOnly("SUBMITTED");
            assertThat(page.<List<String>>path("items.jurisdiction")).containsOnly("CN");
            queued.addAll(ids);
            cursor = page.path("nextCursor");
        } while (cursor != null);

        assertThat(queued).contains(first, second).doesNotContain(european);
        assertThat(queued.indexOf(first)).isLessThan(queued.indexOf(second));

        decide("regulator", first, "approve", "technical review passed").then().statusCode(200);
        as("regulator").get("/api/v1/filings/queue?limit=200").then().statusCode(200)
                .body("items.id", not(hasItem(first)));
        as("regulator").queryParam("status", "APPROVED").queryParam("jurisdiction", "CN").queryParam("limit", 200)
                .get("/api/v1/filings/queue").then().statusCode(200);
    }

    @Test
    void eachDecisionIsAPlatformSignedRegulatorActionInTheLogWithItsReason() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        String id = file("oem", "CN", version);

        int approved = decide("regulator", id, "approve", "security assessment passed").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decisionNote", equalTo("security assessment passed"))
                .extract().path("logIndex");
        decide("regulator", id, "suspend", "complaints under investigation").then().statusCode(200)
                .body("status", equalTo("SUSPENDED"));

        FilingHistory history = filings.historyOf(filingVersionId(id)).stream()
                .filter(h -> h.filing().id().toString().equals(id)).findFirst().orElseThrow();
        assertThat(history.decisions()).extracting(FilingDecisionView::decision)
                .containsExactly(FilingStatus.APPROVED, FilingStatus.SUSPENDED);
        FilingDecisionView approval = history.decisions().get(0);
        assertThat(approval.recordLogIndex()).isEqualTo(approved);

        Statement action = platformSigned(approval.actionLogIndex());
        assertThat(action.predicateType()).isEqualTo(RegulatorActionPredicate.PREDICATE_TYPE);
        RegulatorActionPredicate p = RegulatorActionPredicate.fromJson(action.predicate());
        assertThat(p.action()).isEqualTo("APPROVE_FILING");
        assertThat(p.regulator()).isEqualTo("cn-cac");
        assertThat(p.jurisdiction()).isEqualTo("CN");
        assertThat(p.reason()).isEqualTo("security assessment passed");
        assertThat(p.target()).isEqualTo("filing:CN:" + history.filing().filingNumber());
        Statement record = platformSigned(approval.recordLogIndex());
        assertThat(record.predicateType()).isEqualTo(FilingRecordPredicate.PREDICATE_TYPE);
        assertThat(record.predicate().get("status").asText()).isEqualTo("APPROVED");
        // the action and the record it produced name the same filing state
        assertThat(action.subjects().get(0).sha256()).isEqualTo(record.subjects().get(0).sha256());

        Statement suspension = platformSigned(history.decisions().get(1).actionLogIndex());
        assertThat(suspension.predicate().get("action").asText()).isEqualTo("SUSPEND_FILING");
        assertThat(suspension.predicate().get("reason").asText()).isEqualTo("complaints under investigation");
    }

    @Test
    void aDecisionWithoutAReasonIsRefusedAndChangesNothing() {
        String id = file("oem", "CN", publishedModel("oem", "BASE", "PRIVATE"));
        decide("regulator", id, "reject", "  ").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        as("regulator").body(Map.of("decision", "REJECTED")).post("/api/v1/filings/" + id + "/decision").then()
                .statusCode(400).body("detail", containsString("reason"));
        as("regulator").get("/api/v1/filings/" + id).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        decide("regulator", id, "reject", "model card incomplete").then().statusCode(200)
                .body("status", equalTo("REJECTED"));
    }

    @Test
    void theApprovedFilingNumberCoversOnlyItsVersionsInItsJurisdiction() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        String id = file("oem", "CN", version);
        String number = as("oem").get("/api/v1/filings/" + id).then().extract().path("filingNumber");
        UUID versionId = filingVersionId(id);
        assertThat(filings.approvedFilingNumber(versionId, "CN")).isEmpty();

        decide("regulator", id, "approve", "approved").then().statusCode(200);
        assertThat(filings.approvedFilingNumber(versionId, "CN")).isEqualTo(Optional.of(number));
        assertThat(filings.approvedFilingNumber(versionId, "EU")).isEmpty();

        decide("regulator", id, "suspend", "under review").then().statusCode(200);
        assertThat(filings.approvedFilingNumber(versionId, "CN")).isEmpty();
    }

    private UUID filingVersionId(String filingId) {
        String name = as("oem").get("/api/v1/filings/" + filingId).then().extract().path("versions[0]");
        VersionName n = VersionName.parse(name);
        return versions.readableRef(TrustFixtures.admin(), n.owner(), n.model(), n.version()).id();
    }
}
