package dev.modelport.registry.regulator;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.RegulatorFixtures.decide;
import static dev.modelport.registry.support.RegulatorFixtures.file;
import static dev.modelport.registry.support.RegulatorFixtures.hold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jurisdiction-wide view: filed and held versions with status, provenance and holds; JSON pages and CSV. */
@QuarkusTest
@WithTestResource(RealStack.class)
class JurisdictionViewTest {

    private static List<Map<String, Object>> allRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        String cursor = "";
        do {
            JsonPath page = as("regulator").queryParam("limit", 50).queryParam("cursor", cursor)
                    .get("/api/v1/jurisdictions/CN/models").then().statusCode(200).extract().jsonPath();
            rows.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return rows;
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, String version) {
        return rows.stream().filter(r -> version.equals(r.get("version"))).findFirst().orElseThrow();
    }

    @Test
    void filedAndHeldVersionsAreListedWithStatusProvenanceAndHolds() {
        String filed = publishedModel("oem", "BASE", "PRIVATE");
        decide("regulator", file("oem", "CN", filed), "approve", "ok").then().statusCode(200);
        String held = publishedModel("oem", "BASE", "PRIVATE");
        String holdId = hold("regulator", held, "CN", "investigation").then().statusCode(201).extract().path("id");
        String elsewhere = publishedModel("oem", "BASE", "PRIVATE");
        file("oem", "EU", elsewhere);

        List<Map<String, Object>> rows = allRows();
        assertThat(rows).extracting(r -> r.get("version")).contains(filed, held).doesNotContain(elsewhere);
        Map<String, Object> f = row(rows, filed);
        assertThat(f).containsEntry("filingStatus", "APPROVED").containsEntry("provenanceClass", "SELF_DEVELOPED")
                .containsEntry("held", false).containsEntry("owner", "orion-mobile");
        // no phone runs it, and its weights were fingerprinted without a finding (the phone e2e test counts devices)
        assertThat(f).containsEntry("devices", 0).containsEntry("openFindings", 0);
        Map<String, Object> h = row(rows, held);
        assertThat(h).containsEntry("held", true).containsEntry("filingStatus", null);
        assertThat(h.get("activeHolds")).isEqualTo(List.of(holdId));
        List<String> names = rows.stream().map(r -> (String) r.get("version")).toList();
        assertThat(names).isSorted();
    }

    @Test
    void theViewExportsAsCsvByAcceptHeaderOrFormatParameter() {
        String filed = publishedModel("oem", "BASE", "PRIVATE");
        String number = as("oem").get("/api/v1/filings/" + file("oem", "CN", filed)).then().extract()
                .path("filingNumber");

        String byAccept = as("regulator").accept("text/csv").get("/api/v1/jurisdictions/CN/models").then()
                .statusCode(200).contentType("text/csv").extract().asString();
        String byParam = as("regulator").queryParam("format", "csv").get("/api/v1/jurisdictions/CN/models").then()
                .statusCode(200).contentType("text/csv").header("Content-Disposition", "attachment; "
                        + "filename=\"CN-models.csv\"").extract().asString();

        assertThat(byAccept).isEqualTo(byParam);
        String[] lines = byAccept.split("\r\n");
        assertThat(lines[0]).isEqualTo("version,owner,version_status,filing_number,filing_status,provenance_class,"
                + "claim,held,active_holds,open_findings,devices");
        assertThat(lines).contains(filed + ",orion-mobile,PUBLISHED," + number + ",SUBMITTED,SELF_DEVELOPED,,false,,0,0");
    }
}
