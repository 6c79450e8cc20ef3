package dev.modelport.registry.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's {@code chromium} through {@code /usr/bin/chromedriver}) driving the console as a
 * person would: it signs in on Keycloak's real login form. One browser per test class keeps the suite quick.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final String baseUrl = "http://localhost:" + ConsoleTestProfile.PORT;

    Browser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver; "
                    + "./modelport test installs them (apt-get install -y chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** Opens the console, signs in on Keycloak's login form and waits for the console to greet the user. */
    void signIn(String user) {
        driver.get(baseUrl + "/#/catalog");
        click(By.id("login"));
        waitFor(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("kc-login")).click();
        waitForText(By.id("who-text"), user);
    }

    /** Signs out through Keycloak (the console's button) and waits to be back on the signed-out page. */
    void signOut() {
        click(By.xpath("//button[normalize-space()='Sign out']"));
        waitFor(By.id("login"));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
    }

    boolean signedIn() {
        return !driver.findElements(By.id("who-text")).isEmpty();
    }

    /**
     * Changes the hash route without reloading (a reload would need a new sign-in: tokens live in memory) and waits
     * until the console has rendered that route.
     */
    void route(String hash) {
        driver.executeScript("window.location.hash = arguments[0]", hash);
        wait(d -> (Boolean) driver.executeScript(
                "return document.body.dataset.rendered === window.location.hash"));
    }

    WebElement waitFor(By by) {
        return wait(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        wait(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Clicks when clickable; live pages redraw every few seconds, so a button replaced meanwhile is looked up again. */
    void click(By by) {
        wait(d -> {
            try {
                WebElement e = ExpectedConditions.elementToBeClickable(by).apply(d);
                if (e == null) {
                    return null;
                }
                e.click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException stale) {
                return null;
            }
        });
    }

    /** Waits up to 20 s; on timeout the failure carries what the page showed, to say why. */
    <T> T wait(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            String shown = String.valueOf(driver.executeScript("return document.body.innerText"));
            throw new AssertionError("timed out at " + driver.getCurrentUrl() + "; the page shows:\n"
                    + shown.substring(0, Math.min(shown.length(), 3000)), e);
        }
    }

    void phoneWidth() {
        driver.manage().window().setSize(new Dimension(390, 900));
    }

    void desktopWidth() {
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** Saves a full-width screenshot as target/screenshots/{name}.png for review. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            // Grow the window to the page's height (headless screenshots show the viewport only), then restore it.
            driver.executeScript("window.scrollTo(0, 0)");
            Dimension before = driver.manage().window().getSize();
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(Math.max(height + 100,
                    before.getHeight()), 3000)));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(before);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
