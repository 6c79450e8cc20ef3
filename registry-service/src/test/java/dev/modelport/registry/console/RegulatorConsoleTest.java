package dev.modelport.registry.console;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static dev.modelport.registry.support.Fixtures.declareParents;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.model;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.publish;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static dev.modelport.registry.support.Fixtures.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A regulator inspects a fine-tune's provenance and checks, in the browser, that its filing is in the log. */
@QuarkusTest
@TestProfile(ConsoleTestProfile.class)
@WithTestResource(RealStack.class)
class RegulatorConsoleTest {

    static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = new Browser();
    }

    @AfterEach
    void signOut() {
        if (browser.signedIn()) {
            browser.signOut();
        }
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @Test
    void regulatorSeesProvenanceEvidenceAndVerifiesTheFilingsInclusionProofInTheBrowser() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        purchase("oem", OfferBuilder.on(modelOf(base)).create("vendor"));
        String tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem", tune, Map.of(base, "FINETUNE")).then().statusCode(200);
        publish("oem", tune).then().statusCode(200);
        int logIndex = as("oem").body(Map.of("jurisdiction", "CN", "filingNumber", unique("CN-2026"),
                "versions", List.of(tune))).post("/api/v1/filings").then().statusCode(201).extract().path("logIndex");

        browser.signIn("regulator");
        browser.click(By.linkText("Regulator"));
        browser.waitFor(By.cssSelector("input[name=version]")).sendKeys(tune);
        browser.click(By.xpath("//button[normalize-space()='Open provenance']"));

        WebElement provenance = browser.waitFor(By.cssSelector("section.provenance"));
        assertThat(provenance.getText()).contains("Derived from licensed", base, "acme-ai",
                "granted by acme-ai", "entitlement");
        browser.click(By.xpath("//button[normalize-space()='Verify entry " + logIndex + "']"));
        browser.waitForText(By.cssSelector("p.result.success"), "Verified: entry " + logIndex + " is included");
        List<WebElement> steps = browser.driver.findElements(By.cssSelector("ol.steps li"));
        assertThat(steps).hasSize(3);
        assertThat(steps.get(1).getText()).contains("Ed25519 signature by", "verified with WebCrypto");
        assertThat(steps.get(2).getText()).contains("RFC 9162 §2.1.3.2");
        browser.screenshot("regulator-provenance-and-inclusion-proof");

        // The oldest entry needs a longer Merkle path; it verifies too, typed into the form.
        WebElement index = browser.driver.findElement(By.cssSelector("input[name=index]"));
        index.clear();
        index.sendKeys("0");
        browser.click(By.xpath("//button[normalize-space()='Verify inclusion']"));
        browser.waitForText(By.cssSelector("p.result.success"), "Verified: entry 0 is included");
    }

    @Test
    void regulatorApprovesAFilingFromTheQueueWithAReason() {
        String version = publishedModel("oem", "BASE", "PRIVATE");
        String number = unique("CN-Q");
        String filing = as("oem").body(Map.of("jurisdiction", "CN", "filingNumber", number, "versions", List.of(version)))
                .post("/api/v1/filings").then().statusCode(201).extract().path("id");

        browser.signIn("regulator");
        browser.click(By.linkText("Regulator"));
        By row = By.xpath("//section[.//h2[.='Filings queue']]//tr[.//span[@data-filing='" + number + "']]");
        browser.wait(d -> {
            if (!d.findElements(row).isEmpty()) {
                return true;
            }
            // Older filings of other tests come first: page on until ours shows.
            d.findElements(By.xpath("//section[.//h2[.='Filings queue']]//button[.='Load more']")).stream()
                    .filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
            return null;
        });
        browser.driver.findElement(row).findElement(By.xpath(".//button[.='Approve']")).click();
        WebElement reason = browser.waitFor(By.xpath("//tr[.//span[@data-filing='" + number + "']]//textarea[@name='reason']"));
        assertThat(browser.driver.findElement(row).getText()).contains("Reason to approve filing " + number);
        reason.sendKeys("Provenance and safety review complete.");
        browser.screenshot("regulator-filing-queue");
        browser.driver.findElement(row).findElement(By.xpath(".//button[.='Confirm: approve']")).click();
        browser.waitForText(row, "Filing " + number + " is now APPROVED");
        as("regulator").get("/api/v1/filings/" + filing).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("APPROVED"))
                .body("decisionNote", org.hamcrest.Matchers.equalTo("Provenance and safety review complete."));
    }

    @Test
    void theBrowserRejectsAnInclusionProofWithOneAlteredHash() {
        browser.signIn("regulator");
        Object outcome = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const t = await import('/console/transparency.js');
                  const { api } = await import('/console/api.js');
                  const entry = await api('/api/v1/log/entries/0');
                  const leaf = await t.leafHash(Uint8Array.from(atob(entry.entry), (c) => c.charCodeAt(0)));
                  const cp = t.parseCheckpoint(await api('/api/v1/log/checkpoint'));
                  const proof = await api(`/api/v1/log/proof/inclusion?leafHash=${entry.leafHash}&treeSize=${cp.treeSize}`);
                  const hashes = proof.hashes.map(t.fromHex);
                  await t.verifyInclusion(proof.leafIndex, cp.treeSize, leaf, hashes, cp.rootHash);
                  hashes[0][0] ^= 1;
                  await t.verifyInclusion(proof.leafIndex, cp.treeSize, leaf, hashes, cp.rootHash);
                  return 'accepted';
                })().then(done, (e) => done('rejected: ' + e.message));
                """);
        assertThat(outcome).isEqualTo("rejected: the proof leads to a different root hash than the checkpoint's");
    }
}
