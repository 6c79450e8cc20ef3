package dev.modelport.registry.dossier;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.declareParents;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.model;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.path;
import static dev.modelport.registry.support.Fixtures.publish;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.Fixtures.purchase;
import static dev.modelport.registry.support.RegulatorFixtures.decide;
import static dev.modelport.registry.support.RegulatorFixtures.file;
import static dev.modelport.registry.support.RegulatorFixtures.hold;
import static dev.modelport.registry.support.RegulatorFixtures.lift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.cli.Verify;
import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.trust.TrustFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dossier fetched from the running service verifies offline with the CLI verifier and nothing but the pinned
 * root; each kind of tampering fails with a message that says what was changed.
 */
@QuarkusTest
@WithTestResource(RealStack.class)
class DossierVerificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String base;
    private String tune;
    private String filingId;
    private Path dir;

    /** A licensed fine-tune, filed in CN, approved then suspended, held and released again. */
    @BeforeEach
    void scenario() throws Exception {
        base = publishedModel("vendor", "BASE", "PUBLIC");
        purchase("oem", OfferBuilder.on(modelOf(base)).create("vendor"));
        tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem", tune, Map.of(base, "FINETUNE")).then().statusCode(200);
        publish("oem", tune).then().statusCode(200);
        filingId = file("oem", "CN", tune);
        decide("regulator", filingId, "approve", "security assessment passed").then().statusCode(200);
        decide("regulator", filingId, "suspend", "complaints under investigation").then().statusCode(200);
        String holdId = hold("regulator", tune, "CN", "suspended filing").then().statusCode(201).extract().path("id");
        lift("regulator", holdId, "distribution stopped by the OEM").then().statusCode(200);
        dir = Files.createTempDirectory("dossier");
        Files.write(dir.resolve("root.json"), TrustFixtures.get("/device/v1/tuf/root.json"));
    }

    private ObjectNode fetch(String user) throws Exception {
        byte[] body = as(user).get(path(tune) + "/dossier").then().statusCode(200).extract().asByteArray();
        return (ObjectNode) JSON.readTree(body);
    }

    /** Runs {@code ./modelport verify dossier.json --root root.json}; returns the exit code and the report. */
    private String verify(JsonNode dossier) throws Exception {
        Path file = Files.write(dir.resolve("dossier.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(dossier));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Verify.run(new String[] {file.toString(), "--root", dir.resolve("root.json").toString()}, print,
                print);
        return code + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    private String verifyTampered(Consumer<ObjectNode> tamper) throws Exception {
        ObjectNode dossier = fetch("regulator");
        tamper.accept((ObjectNode) dossier.get("dossier"));
        return verify(dossier);
    }

    @Test
    void aDossierFromTheServiceVerifiesOfflineAndSaysWhatItChecked() throws Exception {
        ObjectNode dossier = fetch("regulator");
        JsonNode d = dossier.get("dossier");
        assertThat(dossier.get("mediaType").asText()).isEqualTo(Dossier.MEDIA_TYPE);
        assertThat(d.get("version").asText()).isEqualTo(tune);
        assertThat(d.at("/model/provenanceClass").asText()).isEqualTo("DERIVED_FROM_LICENSED");
        assertThat(d.at("/lineage/edges/0/parent").asText()).isEqualTo(base);
        assertThat(d.at("/lineage/edges/0/parentOwner").asText()).isEqualTo("acme-ai");
        assertThat(d.at("/lineage/edges/0/entitlement").asText()).isEqualTo(d.at("/entitlements/0/id").asText());
        assertThat(d.at("/filings/0/status").asText()).isEqualTo("SUSPENDED");
        assertThat(d.at("/filings/0/decisions").size()).isEqualTo(2);
        assertThat(d.at("/holds/0/active").asBoolean()).isFalse();
        assertThat(d.get("builds").isArray()).isTrue();
        assertThat(d.at("/fingerprints/available").asBoolean()).isTrue();
        assertThat(d.at("/fingerprints/findings").size()).isZero();
        assertThat(d.get("auditEvents").findValuesAsText("action")).contains("version.published",
                "filing.approved", "filing.suspended", "hold.placed", "hold.lifted");
        // lineage + 2 filing records + 2 decisions + the submission's successor records + hold + lift
        assertThat(d.get("statements").size()).isGreaterThanOrEqualTo(7);
        assertThat(d.at("/checkpoint/note").asText()).startsWith(d.at("/checkpoint/origin").asText() + "\n");

        String result = verify(dossier);
        System.out.println("verify report of a good dossier:\n" + result); // the README quotes it
        assertThat(result).startsWith("0\n")
                .contains("PASS  the dossier is signed by the platform")
                .contains("PASS  the transparency log checkpoint")
                .contains("statements are recorded in the public transparency log")
                .contains("PASS  the lineage (1 edge(s), with owners and licences) is exactly what the platform "
                        + "signed")
                .contains("PASS  1 filing(s) and their decisions match")
                .contains("PASS  1 compliance hold(s) match")
                .contains("NOTE  weight fingerprints (")
                .contains("VERIFIED");
    }

    @Test
    void theSameLineageIsLoggedOnceHoweverOftenTheDossierIsFetched() throws Exception {
        long first = fetch("regulator").at("/dossier/lineage/statementLogIndex").asLong();
        long started = System.nanoTime();
        long again = fetch("oem").at("/dossier/lineage/statementLogIndex").asLong();
        System.out.printf("dossier fetch (warm, 7 statements): %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void anAlteredFilingStatusFailsWithTheSignedStatus() throws Exception {
        String result = verifyTampered(d -> ((ObjectNode) d.at("/filings/0")).put("status", "APPROVED"));
        System.out.println("verify report of a tampered dossier:\n" + result);
        assertThat(result).startsWith("1\n")
                .contains("FAIL  the platform's signature does not match the dossier")
                .containsPattern("FAIL  filing CN:\\S+: the dossier says its status is APPROVED but the signed filing "
                        + "record \\(log entry \\d+\\) says SUSPENDED")
                .contains("NOT VERIFIED");
    }

    @Test
    void aRemovedLineageEdgeFailsNamingTheEdge() throws Exception {
        String result = verifyTampered(d -> ((ArrayNode) d.at("/lineage/edges")).remove(0));
        assertThat(result).startsWith("1\n")
                .contains("FAIL  the platform's signature does not match the dossier")
                .contains("FAIL  lineage edge " + tune + " → " + base + " (FINETUNE) is in the signed lineage "
                        + "statement")
                .contains("missing from the dossier's lineage");
    }

    @Test
    void swappedInclusionProofsFailNamingTheEntries() throws Exception {
        String result = verifyTampered(d -> {
            ObjectNode a = (ObjectNode) d.at("/statements/0");
            ObjectNode b = (ObjectNode) d.at("/statements/1");
            JsonNode proofA = a.get("inclusionProof");
            a.set("inclusionProof", b.get("inclusionProof"));
            b.set("inclusionProof", proofA);
        });
        assertThat(result).startsWith("1\n")
                .containsPattern("FAIL  log entry \\d+ \\(.+\\): the inclusion proof given for it is the proof of "
                        + "entry \\d+")
                .doesNotContain("statements are recorded in the public transparency log");
    }

    @Test
    void theDossierIsForTheOwnerRegulatorsOfItsJurisdictionsAndAdminsOnly() throws Exception {
        fetch("oem");
        fetch("regulator-eu"); // orion-mobile operates in CN and EU
        fetch("admin");
        as("vendor2").get(path(tune) + "/dossier").then().statusCode(anyOf(equalTo(403), equalTo(404)));
        as("oem2").get(path(tune) + "/dossier").then().statusCode(anyOf(equalTo(403), equalTo(404)));
    }
}
