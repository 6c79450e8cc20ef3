package dev.modelport.registry.console;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.Api.unique;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static dev.modelport.registry.support.Fixtures.publishedModel;
import static org.assertj.core.api.Assertions.assertThat;

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

/** Roles shape the console: a user without a role gets no OEM pages; the catalog works at phone width. */
@QuarkusTest
@TestProfile(ConsoleTestProfile.class)
@WithTestResource(RealStack.class)
class ConsoleAccessTest {

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
        browser.desktopWidth();
        if (browser.signedIn()) {
            browser.signOut();
        }
    }

    @Test
    void userWithoutARoleCannotReachTheOemPages() {
        String base = modelOf(publishedModel("vendor", "BASE", "PUBLIC"));
        String offer = OfferBuilder.on(base).create("vendor");

        browser.signIn("nobody");
        assertThat(browser.driver.findElement(By.id("who-text")).getText()).contains("no role");
        assertThat(browser.driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText))
                .contains("Catalog", "Audit")
                .doesNotContain("Marketplace", "Regulator", "Builds", "Releases and rollouts", "Fleet");
        for (String[] page : new String[][] {{"#/builds", "Builds"}, {"#/rollouts", "Releases and rollouts"},
            {"#/fleet", "Fleet"}}) {
            browser.route(page[0]);
            browser.waitForText(By.cssSelector("#view h1"), page[1] + " is not available to you");
        }

        browser.route("#/marketplace");
        browser.waitForText(By.cssSelector("#view h1"), "Marketplace is not available to you");
        assertThat(browser.driver.findElement(By.id("view")).getText()).contains("for the oem or vendor role",
                "Your account's roles: none").doesNotContain("My entitlements");

        // Offers are shown to everyone, but no buy button without the oem role, and the API refuses anyway.
        browser.route("#/models/" + base);
        browser.waitFor(By.cssSelector("article.offer"));
        assertThat(browser.driver.findElements(By.xpath("//button[normalize-space()='Buy licence']"))).isEmpty();
        as("nobody").post("/api/v1/offers/" + offer + "/purchase").then().statusCode(403);
        browser.route("#/marketplace");
        browser.waitForText(By.cssSelector("#view h1"), "Marketplace is not available to you");
        browser.screenshot("no-role-cannot-reach-oem-pages");

        // A reload keeps the user signed in (silently, through the Keycloak session) and on the same page.
        browser.driver.navigate().refresh();
        browser.waitForText(By.id("who-text"), "nobody");
        browser.waitForText(By.cssSelector("#view h1"), "Marketplace is not available to you");
    }

    @Test
    void catalogPagesThroughLongResults() {
        String prefix = unique("paged");
        for (int i = 0; i < 27; i++) {
            as("vendor2").body(Map.of("slug", prefix + "-" + i, "name", "Paged " + i, "kind", "BASE",
                    "architecture", "llama", "parameterCount", 1_000_000_000L, "contextLength", 2048,
                    "visibility", "PUBLIC")).post("/api/v1/models").then().statusCode(201);
        }
        browser.signIn("oem");
        browser.route("#/catalog?q=" + prefix);
        browser.wait(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 25);
        browser.click(By.xpath("//button[normalize-space()='Load more']"));
        browser.wait(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 27);
        assertThat(browser.driver.findElement(By.xpath("//button[normalize-space()='Load more']")).isDisplayed()).isFalse();
    }

    @Test
    void catalogSearchShowsProvenanceBadgesAtPhoneWidth() {
        String base = modelOf(publishedModel("vendor", "BASE", "PUBLIC"));
        String slug = base.substring(base.indexOf('/') + 1);

        browser.signIn("oem");
        browser.phoneWidth();
        browser.route("#/catalog");
        browser.waitFor(By.cssSelector("input[name=q]")).sendKeys(slug);
        browser.driver.findElement(By.cssSelector("input[name=vendor]")).sendKeys("acme-ai");
        browser.click(By.xpath("//button[normalize-space()='Search']"));
        browser.wait(d -> d.getCurrentUrl().contains("q=" + slug));
        browser.wait(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 1);
        browser.waitFor(By.xpath("//tr[.//small[.='" + base + "']]//span[contains(@class, 'prov-self_developed')]"));
        long overflow = (Long) browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("no sideways scrolling at phone width").isLessThanOrEqualTo(0);
        browser.screenshot("catalog-phone");

        browser.route("#/catalog?q=no-such-model-anywhere");
        browser.waitForText(By.cssSelector("#view p.empty:not([hidden])"), "No models match. Clear a filter");
    }
}
