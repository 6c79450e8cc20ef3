package dev.modelport.registry.tenancy;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.declareParents;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.model;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.path;
import static dev.modelport.registry.support.Fixtures.publish;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.Fixtures.purchase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.not;

import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tenants never see each other's private models, versions, entitlements or filings. */
@QuarkusTest
@WithTestResource(RealStack.class)
class CrossTenantCatalogTest {

    @Test
    void anOemNeverSeesAnotherOemsPrivateModelOrItsVersions() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        String model = modelOf(version);
        as("oem2").get("/api/v1/models/" + model).then().statusCode(403);
        as("oem2").get(path(version)).then().statusCode(403);
        as("oem2").get("/api/v1/models/" + model + "/versions").then().statusCode(403);
        as("oem2").get(path(version) + "/provenance").then().statusCode(403);
        as("oem2").get(path(version) + "/lineage").then().statusCode(403);
        as("oem2").queryParam("q", model.substring(model.indexOf('/') + 1)).get("/api/v1/models").then()
                .statusCode(200).body("items.slug", not(hasItem(model.substring(model.indexOf('/') + 1))));
    }

    @Test
    void draftsOfAPublicModelStayPrivate() {
        String version = draft("vendor", model("vendor", "BASE", "PUBLIC"), "1.0.0");
        as("oem").get(path(version)).then().statusCode(403);
        as("oem").get("/api/v1/models/" + modelOf(version) + "/versions").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        as("vendor").get(path(version)).then().statusCode(200).body("status", equalTo("DRAFT"));
    }

    @Test
    void aPrivateDescendantIsHiddenFromTheBasesVendor() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        purchase("oem", OfferBuilder.on(modelOf(base)).create("vendor"));
        String tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem", tune, Map.of(base, "FINETUNE")).then().statusCode(200);
        publish("oem", tune).then().statusCode(200);
        as("vendor").get(path(base) + "/lineage").then().statusCode(200)
                .body("nodes.version", not(hasItem(tune)))
                .body("hidden", equalTo(1));
        as("oem").get(path(base) + "/lineage").then().body("nodes.version", hasItem(tune));
    }

    @Test
    void anOemSeesOnlyItsOwnEntitlementsAndAVendorOnlyThoseToItsModels() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        String orion = purchase("oem", OfferBuilder.on(modelOf(base)).create("vendor"));
        String pixelon = purchase("oem2", OfferBuilder.on(modelOf(base)).create("vendor"));
        String otherVendors = purchase("oem2", OfferBuilder.on(modelOf(publishedModel("vendor2", "BASE", "PUBLIC")))
                .create("vendor2"));

        as("oem").get("/api/v1/entitlements/" + pixelon).then().statusCode(404);
        as("oem").queryParam("limit", 200).get("/api/v1/entitlements").then().statusCode(200)
                .body("items.id", hasItem(orion))
                .body("items.id", not(hasItem(pixelon)))
                .body("items.holder", everyItem(equalTo("orion-mobile")));

        as("vendor").queryParam("side", "GRANTOR").queryParam("limit", 200).get("/api/v1/entitlements").then()
                .statusCode(200)
                .body("items.id", hasItem(orion))
                .body("items.id", hasItem(pixelon))
                .body("items.id", not(hasItem(otherVendors)))
                .body("items.grantor", everyItem(equalTo("acme-ai")));
        as("vendor").get("/api/v1/entitlements/" + pixelon).then().statusCode(200)
                .body("holder", equalTo("pixelon"));
        as("vendor").get("/api/v1/entitlements/" + otherVendors).then().statusCode(404);
        as("vendor2").get("/api/v1/entitlements/" + orion).then().statusCode(404);
    }

    @Test
    void anOemNeverSeesAnotherOemsFilings() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        String filing = as("oem").body(Map.of("jurisdiction", "CN", "filingNumber",
                        dev.modelport.registry.support.Api.unique("CN-F"), "versions", List.of(version)))
                .post("/api/v1/filings").then().statusCode(201).extract().path("id");
        as("oem2").get("/api/v1/filings/" + filing).then().statusCode(404);
        as("oem2").queryParam("limit", 200).get("/api/v1/filings").then().statusCode(200)
                .body("items.id", not(hasItem(filing)))
                .body("items.filer", everyItem(isOneOf("pixelon")));
        as("vendor").get("/api/v1/filings/" + filing).then().statusCode(404);
        as("regulator-eu").get("/api/v1/filings/" + filing).then().statusCode(404);
        as("regulator").get("/api/v1/filings/" + filing).then().statusCode(200);
    }

    @Test
    void aPrivateModelsOffersAreInvisibleToOthers() {
        String base = publishedModel("vendor", "BASE", "PRIVATE");
        String offer = OfferBuilder.on(modelOf(base)).create("vendor");
        as("oem").get("/api/v1/offers/" + offer).then().statusCode(404);
        as("oem").post("/api/v1/offers/" + offer + "/purchase").then().statusCode(404);
    }

    @Test
    void aBlobOfAnotherOrganisationCannotBeAttached() {
        String digest = dev.modelport.registry.support.Fixtures.upload("oem");
        String model = model("oem2", "BASE", "PRIVATE");
        as("oem2").body(Map.of("version", "1.0.0", "artifacts",
                        List.of(Map.of("digest", digest, "fileName", "stolen.gguf"))))
                .post("/api/v1/models/" + model + "/versions").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_BLOB"));
        as("oem2").get("/api/v1/blobs/" + digest).then().statusCode(404);
    }
}
