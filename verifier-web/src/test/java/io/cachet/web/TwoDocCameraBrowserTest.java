package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachet.core.twodoc.TwoDocMatrix;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The camera in front of a certificate's 2D-Doc alone (no QR in sight): Chromium on Linux has no
 * {@code BarcodeDetector}, so the self-hosted ZXing reader finds the DataMatrix in the fake camera's frames, and the
 * text, with its GS/RS/US separators, goes through the paste form to the server's 2D-Doc checks.
 */
class TwoDocCameraBrowserTest {

    @TempDir
    static Path folder;

    private static TestCertificates certificates;
    private static Javalin app;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                Files.isExecutable(BrowserTest.CHROMIUM) && Files.isExecutable(BrowserTest.CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        certificates = TestCertificates.get();
        VerifierConfig config =
                new VerifierConfig("127.0.0.1", 0, VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, "", List.of(), 0);
        app = VerifierApp.create(certificates.services.verification(), config).start("127.0.0.1", 0);
        Path video = folder.resolve("datamatrix.y4m");
        String twoDoc = certificates.issued.twoDoc().orElseThrow();
        BrowserTest.writeY4m(TwoDocMatrix.render(twoDoc, 300), 640, 480, video);
        browser = BrowserTest.chromium(folder.resolve("chromium-profile"), video);
    }

    @AfterAll
    static void stop() {
        BrowserTest.quit(browser, app);
    }

    @Test
    void theCameraReadsA2dDocAndTheVerifierChecksIt() {
        browser.get("http://127.0.0.1:" + app.port() + "/?lang=en");
        WebElement start = browser.findElement(By.id("camera-start"));

        start.click();

        WebElement verdict = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(verdict.getDomAttribute("data-verdict")).isEqualTo("VALID");
        assertThat(browser.findElement(By.id("certificateId")).getText())
                .isEqualTo(certificates.issued.id().value());
        assertThat(browser.findElements(By.cssSelector("code.check-name")))
                .extracting(WebElement::getText)
                .as("the report names the 2D-Doc steps")
                .contains("twodoc.format", "twodoc.certificate", "twodoc.signature", "twodoc.signed-at");
        WebElement issuedOn = browser.findElement(By.xpath("//dt[text()='Issued on']/following-sibling::dd[1]/time"));
        assertThat(issuedOn.getDomAttribute("datetime"))
                .as("a 2D-Doc holds the day of issue, not a time")
                .matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(issuedOn.getText()).matches("\\d{1,2} [A-Z][a-z]+ \\d{4}");
        // jsQR and ZXing were loaded from this verifier and ran under its Content-Security-Policy.
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .extracting(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Refused"));
    }
}
