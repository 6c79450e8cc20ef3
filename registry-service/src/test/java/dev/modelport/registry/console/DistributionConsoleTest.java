package dev.modelport.registry.console;

import static dev.modelport.registry.support.Api.as;
import static dev.modelport.registry.support.BuildFixtures.awaitBuild;
import static dev.modelport.registry.support.BuildFixtures.deviceClass;
import static dev.modelport.registry.support.BuildFixtures.published;
import static dev.modelport.registry.support.Fixtures.modelOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.devstack.DistributionDemo;
import dev.modelport.devstack.Tokens;
import dev.modelport.registry.support.Api;
import dev.modelport.registry.support.Distribution;
import dev.modelport.registry.support.RealStack;
import dev.modelport.registry.support.SimPhone;
import dev.modelport.registry.support.TinyLlama;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Builds, releases and rollouts in the browser, and the seeded demo a new user clicks through after ./modelport up. */
@QuarkusTest
@TestProfile(ConsoleTestProfile.class)
@WithTestResource(RealStack.class)
class DistributionConsoleTest {

    private static final long GIB = 1L << 30;

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

    private static String tinyModel(String user) {
        return published(user, "BASE", "PRIVATE", TinyLlama.random(UUID.randomUUID().getMostSignificantBits()).gguf(),
                Map.of());
    }

    @Test
    void oemRequestsABuildAndSeesItReachReadyInTheJobListWithoutReloading() {
        String version = tinyModel("oem");
        String phone = deviceClass(GIB);

        browser.signIn("oem");
        browser.route("#/builds?version=" + URLEncoder.encode(version, StandardCharsets.UTF_8));
        new Select(browser.waitFor(By.cssSelector("select[name=deviceClass]"))).selectByValue(phone);
        new Select(browser.driver.findElement(By.cssSelector("select[name=quantType]"))).selectByValue("Q8_0");
        browser.driver.executeScript("window.__samePage = true");
        browser.click(By.xpath("//button[normalize-space()='Request build']"));
        browser.waitForText(By.cssSelector("p.success"), "of " + version + " for " + phone);

        WebElement row = browser.waitFor(By.xpath("//tr[@data-status='READY'][.//a[.='" + version + "']]"));
        assertThat(row.getText()).contains(phone, "Q8_0", "SUCCEEDED 100%", "VERIFIED");
        assertThat(browser.driver.executeScript("return window.__samePage")).as("no reload").isEqualTo(true);
        assertThat(browser.driver.findElement(By.xpath("//section[.//h2[.='Jobs']]")).getText())
                .contains("build.quantize", "SUCCEEDED");
        browser.screenshot("oem-build-ready");
    }

    @Test
    void oemStartsARolloutPausesItAfterConfirmingAndSeesTheStageTimeline() {
        Distribution.platformHeldOemKey("oem", "orion-mobile");
        String version = tinyModel("oem");
        String phoneClass = deviceClass(GIB);
        String build = as("oem").body(Map.of("version", version, "deviceClass", phoneClass, "quantType", "Q8_0"))
                .post("/api/v1/builds").then().statusCode(202).extract().path("id");
        assertThat(awaitBuild("oem", build).getString("status")).isEqualTo("READY");
        String channel = Distribution.channel("oem", modelOf(version));
        Distribution.release("oem", channel, version, List.of(build), List.of("EU")).statusCode(201);

        browser.signIn("oem");
        browser.route("#/rollouts/" + channel);
        browser.click(By.xpath("//summary[normalize-space()='Start a rollout']"));
        WebElement stages = browser.waitFor(By.cssSelector("input[name=stages]"));
        stages.clear();
        stages.sendKeys("50, 100");
        WebElement rate = browser.driver.findElement(By.cssSelector("input[name=maxFailureRate]"));
        rate.clear();
        rate.sendKeys("0.5");
        browser.driver.findElement(By.cssSelector("input[name=autoAdvance]")).click();
        browser.click(By.xpath("//button[normalize-space()='Start rollout']"));

        WebElement timeline = browser.waitFor(By.cssSelector("ol.timeline"));
        assertThat(timeline.findElements(By.tagName("li"))).hasSize(2);
        assertThat(browser.driver.findElement(By.cssSelector("li[aria-current=step]")).getText())
                .contains("Stage 1: 50%", "running");

        // Phones in the EU check in; those in the first half of the buckets install it, one of them fails.
        String enrollment = SimPhone.enrollmentToken("oem", 12);
        int updated = 0;
        for (int i = 0; i < 12; i++) {
            SimPhone phone = SimPhone.enroll(enrollment, phoneClass, "orion-x1", "EU", "14");
            if ("UPDATE".equals(phone.checkinAndInstall())) {
                updated++;
                phone.reportInstall(phone.installed(), updated == 2 ? "MODEL_LOAD_FAILED" : null);
            }
        }
        assertThat(updated).as("phones in the 50%% stage").isGreaterThanOrEqualTo(2);
        int healthy = updated - 1;
        // The page refreshes by itself: the counts arrive without a reload.
        browser.waitForText(By.cssSelector("li[aria-current=step] .counts"), healthy + " healthy, 1 failed");
        browser.waitForText(By.xpath("//section[.//h2[.='Failure reasons']]"), "MODEL_LOAD_FAILED");
        browser.click(By.xpath("//button[normalize-space()='Pause']"));
        assertThat(browser.waitFor(By.cssSelector(".controls .confirm")).getText())
                .contains("No new device is offered the release");
        browser.click(By.xpath("//button[normalize-space()='Confirm: pause']"));
        browser.waitForText(By.cssSelector("p.success"), "the rollout is now paused");
        browser.waitForText(By.cssSelector("li[aria-current=step]"), "paused");
        String rollout = browser.driver.getCurrentUrl().replaceAll(".*#/rollout/", "");
        as("oem").get("/api/v1/rollouts/" + rollout).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PAUSED"));
        assertThat(browser.driver.findElements(By.cssSelector("svg.chart rect[data-series]"))).hasSize(6);
        browser.screenshot("oem-rollout-paused");

        // Only phones that reported are in the fleet: those of the first stage, all of the new class, in the EU.
        as("oem").get("/api/v1/fleet").then().statusCode(200)
                .body("byDeviceClass.'" + phoneClass + "'", org.hamcrest.Matchers.equalTo(updated));
        browser.click(By.linkText("Fleet"));
        browser.waitForText(By.xpath("//section[.//h2[.='By device class']]"), phoneClass);
        assertThat(browser.driver.findElement(By.xpath("//section[.//h2[.='By region']]")).getText()).contains("EU");
    }

    /**
     * The data ./modelport up seeds, through the same seeder, and the path a new user clicks: catalog → model →
     * version with its lineage → builds → the rollout in progress.
     */
    @Test
    void theSeededDemoCanBeClickedThroughFromCatalogToARolloutInProgress() throws Exception {
        Api.ensureSeeded();
        Distribution.platformHeldOemKey("oem", "orion-mobile");
        String rollout = new DistributionDemo("http://localhost:" + ConsoleTestProfile.PORT, new Tokens(Api.realmUrl()))
                .seed();
        String version = DistributionDemo.MODEL + "@" + DistributionDemo.VERSION;
        as("oem").get("/api/v1/rollouts/" + rollout).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("RUNNING"))
                .body("version", org.hamcrest.Matchers.equalTo(version));

        browser.signIn("oem");
        browser.route("#/catalog?q=orion-chat");
        browser.click(By.partialLinkText("Orion Chat 7B"));
        browser.click(By.linkText(DistributionDemo.VERSION));
        browser.waitFor(By.cssSelector("svg.lineage a[data-role='ANCESTOR'][data-version='acme-ai/aurora-7b@1.0.0']"));
        WebElement builds = browser.waitFor(By.xpath("//section[.//h2[.='Device builds']]"));
        assertThat(builds.getText()).contains(DistributionDemo.DEVICE_CLASS, "READY", "signed, log entry");
        browser.click(By.xpath("//section[.//h2[.='Device builds']]//button[normalize-space()='Check inclusion']"));
        browser.waitForText(By.cssSelector("p.result.success"), "is included in the log");
        browser.screenshot("version-builds-and-lineage");

        browser.click(By.linkText("Releases and rollouts"));
        browser.click(By.linkText(DistributionDemo.CHANNEL));
        browser.click(By.xpath("//section[.//h2[.='Rollouts']]//a[.='" + rollout.substring(0, 8) + "']"));
        browser.waitForText(By.id("rollout-status"), "RUNNING");
        assertThat(browser.driver.findElement(By.cssSelector("li[aria-current=step]")).getText()).contains("Stage 1: 1");
    }
}
