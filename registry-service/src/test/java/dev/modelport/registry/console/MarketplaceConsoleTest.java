package dev.modelport.registry.console;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static dev.modelport.registry.support.Fixtures.declareParents;
import static dev.modelport.registry.support.Fixtures.draft;
import static dev.modelport.registry.support.Fixtures.model;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.publish;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import dev.modelport.registry.support.OfferBuilder;
import dev.modelport.registry.support.RealStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The licence marketplace in the browser: a vendor publishes an offer; an OEM buys one and follows its lineage. */
@QuarkusTest
@TestProfile(ConsoleTestProfile.class)
@WithTestResource(RealStack.class)
class MarketplaceConsoleTest {

    static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @AfterEach
    void signOut() {
        if (browser.signedIn()) {
            browser.signOut();
        }
    }

    @Test
    void vendorPublishesAnOfferOnItsModel() {
        String model = modelOf(publishedModel("vendor", "BASE", "PUBLIC"));
        String title = "Fleet licence " + unique("t");

        browser.signIn("vendor");
        browser.route("#/models/" + model);
        browser.click(By.xpath("//summary[normalize-space()='Publish a licence offer']"));
        browser.waitFor(By.cssSelector("form.offer-form input[name=title]")).sendKeys(title);
        browser.driver.findElement(By.cssSelector("form.offer-form input[name=licence]")).sendKeys("sha256:" + "cd".repeat(32));
        browser.click(By.xpath("//button[normalize-space()='Publish offer']"));

        browser.waitForText(By.cssSelector("p.success"), "is published");
        WebElement card = browser.waitFor(By.cssSelector("article[aria-label='Offer " + title + "']"));
        assertThat(card.getText()).contains("ACTIVE", "fine-tuning, quantization, device distribution",
                "1000 USD + 0.02 USD per activation", "CN, EU, US");
        browser.screenshot("vendor-publishes-offer");
        as("vendor").get("/api/v1/models/" + model + "/offers").then().statusCode(200).body("items.title", hasItem(title));
    }

    @Test
    void oemBuysAnOfferSeesTheEntitlementAndFindsThePurchasedBaseAsAncestorOfItsFineTune() {
        String base = publishedModel("vendor", "BASE", "PUBLIC");
        OfferBuilder.on(modelOf(base)).create("vendor");

        browser.signIn("oem");
        browser.route("#/models/" + modelOf(base));
        browser.click(By.xpath("//button[normalize-space()='Buy licence']"));
        browser.click(By.xpath("//button[normalize-space()='Confirm purchase']"));
        browser.waitForText(By.cssSelector("p.success"), "Licensed: entitlement");

        browser.click(By.linkText("See your entitlements"));
        WebElement row = browser.waitFor(By.xpath("//section[.//h2[.='My entitlements']]//tr[.//a[.='" + modelOf(base) + "']]"));
        assertThat(row.getText()).contains("acme-ai", "ACTIVE", "0 of 100,000 devices");
        WebElement meter = row.findElement(By.tagName("meter"));
        assertThat(meter.getAttribute("max")).isEqualTo("100000");
        assertThat(meter.getAttribute("value")).isEqualTo("0");
        browser.screenshot("oem-entitlements");

        // The OEM's CI registers and publishes the fine-tune through the API, as ./modelport publish does.
        String tune = draft("oem", model("oem", "FINETUNE", "PRIVATE"), "1.0.0");
        declareParents("oem", tune, Map.of(base, "FINETUNE")).then().statusCode(200);
        publish("oem", tune).then().statusCode(200);

        browser.route("#/models/" + tune.replace("@", "/versions/"));
        WebElement ancestor = browser.waitFor(By.cssSelector(
                "svg.lineage a[data-role='ANCESTOR'][data-version='" + base + "']"));
        assertThat(ancestor.getAttribute("aria-label")).contains("owner acme-ai", "licensed: Offer terms-");
        WebElement self = browser.driver.findElement(By.cssSelector("svg.lineage a[data-role='SELF']"));
        assertThat(self.getAttribute("aria-label")).contains(tune, "owner orion-mobile");
        assertThat(browser.driver.findElement(By.cssSelector(".provenance")).getText()).contains("Derived from licensed");
        browser.screenshot("oem-fine-tune-lineage");

        browser.click(By.linkText("History of this version"));
        browser.waitForText(By.cssSelector("#view h1"), "History of version:" + tune);
        assertThat(browser.driver.findElement(By.cssSelector("#view tbody")).getText())
                .contains("version.created", "lineage.declared", "version.published", "oem");
    }
}
