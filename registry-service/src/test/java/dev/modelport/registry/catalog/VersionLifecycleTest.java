package dev.modelport.registry.catalog;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.model;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.path;
import static dev.modelport.registry.support.Fixtures.publish;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.Fixtures.upload;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelport.devstack.SampleGguf;
import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drafts change, published versions do not; lifecycle moves belong to the right roles; the catalog filters. */
@QuarkusTest
@WithTestResource(RealStack.class)
class VersionLifecycleTest {

    @Test
    void aPublishedVersionIsImmutable() {
        String version = publishedModel("vendor", "BASE", "PUBLIC");
        as("vendor").body(Map.of("modelCard", "rewritten")).put(path(version)).then().statusCode(409)
                .body("code", equalTo("VERSION_IMMUTABLE"));
        as("vendor").body(Map.of("parents", List.of())).put(path(version) + "/lineage").then().statusCode(409)
                .body("code", equalTo("VERSION_IMMUTABLE"));
        publish("vendor", version).then().statusCode(409);
        as("vendor").get(path(version)).then().body("modelCard", equalTo("# " + modelOf(version)));
    }

    @Test
    void aDraftChangesAndNeedsWeightsToBePublished() {
        String model = model("vendor", "BASE", "PUBLIC");
        as("vendor").body(Map.of("version", "0.1.0")).post("/api/v1/models/" + model + "/versions").then()
                .statusCode(201).body("status", equalTo("DRAFT"));
        publish("vendor", model + "@0.1.0").then().statusCode(422).body("code", equalTo("ARTIFACT_REQUIRED"));
        String digest = upload("vendor");
        as("vendor").body(Map.of("modelCard", "# v0.1", "artifacts",
                        List.of(Map.of("digest", digest, "fileName", "w.gguf"))))
                .put(path(model + "@0.1.0")).then().statusCode(200)
                .body("artifacts[0].digest", equalTo(digest))
                .body("artifacts[0].architecture", equalTo("llama"));
        publish("vendor", model + "@0.1.0").then().statusCode(200).body("publishedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void weightsOfAnotherArchitectureAreRefused() {
        String model = model("vendor", "BASE", "PUBLIC");
        SampleGguf qwen = SampleGguf.small("qwen2", unique("qwen"));
        String digest = upload("vendor", qwen.bytes(), qwen.digest());
        as("vendor").body(Map.of("version", "1.0.0", "artifacts", List.of(Map.of("digest", digest,
                        "fileName", "q.gguf"))))
                .post("/api/v1/models/" + model + "/versions").then().statusCode(400)
                .body("detail", containsString("'qwen2' GGUF file"));
    }

    /** Regulators write only within their jurisdictions: they suspend a version there with a hold, not globally. */
    @Test
    void regulatorsCannotSuspendAVersionEverywhere() {
        String version = publishedModel("oem", "BASE", "PUBLIC");
        for (String regulator : List.of("regulator", "regulator-eu")) {
            as(regulator).body(Map.of("status", "SUSPENDED")).post(path(version) + "/status").then().statusCode(409)
                    .body("code", equalTo("INVALID_TRANSITION"));
        }
        as("oem").get(path(version)).then().statusCode(200).body("status", equalTo("PUBLISHED"));
        as("regulator").body(Map.of("version", version, "jurisdiction", "CN", "reason", "use a hold instead"))
                .post("/api/v1/holds").then().statusCode(201);
        as("oem").get(path(version)).then().statusCode(200).body("status", equalTo("PUBLISHED"));
    }

    @Test
    void badVersionLabelsAreRefused() {
        String model = model("vendor", "BASE", "PUBLIC");
        as("vendor").body(Map.of("version", "v1")).post("/api/v1/models/" + model + "/versions").then()
                .statusCode(400).body("errors.field", hasItem("version"));
    }

    @Test
    void ownersDeprecateAdminsSuspendOthersDoNothing() {
        String version = publishedModel("oem", "BASE", "PUBLIC");
        as("oem2").body(Map.of("status", "REVOKED")).post(path(version) + "/status").then().statusCode(409);
        as("admin").body(Map.of("status", "SUSPENDED")).post(path(version) + "/status").then()
                .statusCode(200).body("status", equalTo("SUSPENDED"));
        as("oem").body(Map.of("status", "PUBLISHED")).post(path(version) + "/status").then().statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));
        as("regulator-eu").body(Map.of("status", "PUBLISHED")).post(path(version) + "/status").then()
                .statusCode(409).body("code", equalTo("INVALID_TRANSITION"));
        as("admin").body(Map.of("status", "PUBLISHED")).post(path(version) + "/status").then()
                .statusCode(200);
        as("oem").body(Map.of("status", "DEPRECATED")).post(path(version) + "/status").then().statusCode(200)
                .body("status", equalTo("DEPRECATED"));
        as("oem").body(Map.of("status", "REVOKED")).post(path(version) + "/status").then().statusCode(200);
        as("oem").body(Map.of("status", "PUBLISHED")).post(path(version) + "/status").then().statusCode(409);
    }

    @Test
    void theCatalogFiltersByParametersAndLicenceTerms() {
        String open = modelOf(publishedModel("vendor2", "BASE", "PUBLIC"));
        String closed = modelOf(publishedModel("vendor2", "BASE", "PUBLIC"));
        OfferBuilder.on(open).openLicence("MIT").create("vendor2");
        OfferBuilder.on(closed).fineTuning(false).create("vendor2");
        String openSlug = open.substring(open.indexOf('/') + 1);
        String closedSlug = closed.substring(closed.indexOf('/') + 1);

        as("oem").queryParam("vendor", "northwind-labs").queryParam("allows", "FINE_TUNING").queryParam("limit", 200)
                .get("/api/v1/models").then().statusCode(200)
                .body("items.slug", hasItem(openSlug)).body("items.slug", not(hasItem(closedSlug)));
        as("oem").queryParam("licence", "MIT").queryParam("limit", 200).get("/api/v1/models").then()
                .body("items.slug", hasItem(openSlug)).body("items.slug", not(hasItem(closedSlug)));
        as("oem").queryParam("q", openSlug).queryParam("minParameters", 8_000_000_000L).get("/api/v1/models").then()
                .body("items.slug", not(hasItem(openSlug)));
        as("oem").queryParam("q", openSlug).queryParam("minParameters", 1_000_000_000L)
                .queryParam("maxParameters", 7_000_000_000L).get("/api/v1/models").then()
                .body("items.slug", hasItem(openSlug));
        as("oem").queryParam("allows", "EVERYTHING").get("/api/v1/models").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_VALUE"));
    }

    @Test
    void draftsCannotBeFiledOrUsedAsParentsByOthers() {
        String foreignDraft = draft("vendor", model("vendor", "BASE", "PUBLIC"), "1.0.0");
        String tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        as("oem").body(Map.of("parents", List.of(Map.of("version", foreignDraft, "relation", "FINETUNE"))))
                .put(path(tune) + "/lineage").then().statusCode(403);
    }
}
