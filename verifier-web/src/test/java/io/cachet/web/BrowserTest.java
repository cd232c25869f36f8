package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.report.CertificateFacts;
import io.cachet.core.types.CertificateType;
import io.cachet.core.verify.CertificateDescriber;
import io.cachet.core.verify.VerificationService;
import io.javalin.Javalin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does, in Debian's headless Chromium driven by Selenium: paste (or a USB scanner typing and pressing
 * Enter), upload a PDF, upload a photo, scan with a camera (Chromium's fake camera fed a generated QR video), and
 * axe-core's accessibility rules on home and result pages in both languages. Skipped only where Chromium is absent;
 * CI installs it (.ci/run). Nothing leaves loopback: Selenium Manager is off, Chromium's background networking too.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");

    @TempDir
    static Path folder;

    private static TestCertificates certificates;
    private static Javalin app;
    private static String origin;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        certificates = TestCertificates.get();
        VerifierConfig config =
                new VerifierConfig("127.0.0.1", 0, VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, "", List.of(), 0);
        app = VerifierApp.create(certificates.services.verification(), config).start("127.0.0.1", 0);
        origin = "http://127.0.0.1:" + app.port();

        Path video = folder.resolve("qr.y4m");
        writeY4m(qrCode(certificates.issued.seal(), 440), 640, 480, video);
        browser = chromium(folder.resolve("chromium-profile"), video);
    }

    /** Debian's headless Chromium whose fake camera plays {@code video} in a loop. */
    static WebDriver chromium(Path profile, Path video) throws IOException {
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=1280,1024",
                "--user-data-dir=" + Files.createDirectories(profile),
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        quit(browser, app);
    }

    /** Closes the browser, then the verifier, whichever of them a failed set-up left started. */
    static void quit(WebDriver browser, Javalin app) {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void aCodeTypedByAUsbScannerEndingWithEnterIsValid() {
        browser.get(origin + "/?lang=en");

        browser.findElement(By.id("code")).sendKeys(certificates.issued.seal() + Keys.ENTER);

        assertThat(verdict()).isEqualTo("VALID");
        assertThat(browser.findElement(By.id("verdict")).getText()).contains("VALID");
        assertThat(browser.findElement(By.id("certificateId")).getText())
                .isEqualTo(certificates.issued.id().value());
        assertThat(browser.getCurrentUrl()).doesNotContain("CT1").endsWith("/verify?lang=en");
    }

    @Test
    void aTamperedPastedCodeIsNotAuthentic() {
        browser.get(origin + "/");

        browser.findElement(By.id("code")).sendKeys(certificates.tamperedSeal());
        browser.findElement(By.cssSelector("#paste-form button")).click();

        assertThat(verdict()).isEqualTo("INVALID");
        assertThat(browser.findElement(By.id("verdict")).getText()).contains("NON AUTHENTIQUE");
    }

    @Test
    void anUploadedPdfIsValid() {
        browser.get(origin + "/?lang=en");

        browser.findElement(By.id("file"))
                .sendKeys(certificates.issued.file().toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#upload-form button")).click();

        assertThat(verdict()).isEqualTo("VALID");
    }

    @Test
    void anUploadedPhotoOfTheQrCodeIsValid() throws Exception {
        Path photo = folder.resolve("photo.png");
        ImageIO.write(qrCode(certificates.issued.seal(), 600), "png", photo.toFile());
        browser.get(origin + "/");

        browser.findElement(By.id("file")).sendKeys(photo.toString());
        browser.findElement(By.cssSelector("#upload-form button")).click();

        assertThat(verdict()).isEqualTo("VALID");
    }

    @Test
    void theCameraReadsTheCodeAndSubmitsIt() {
        browser.get(origin + "/?lang=en");
        WebElement start = browser.findElement(By.id("camera-start"));
        assertThat(start.isDisplayed()).isTrue();

        start.click();

        assertThat(verdict()).isEqualTo("VALID");
        assertThat(browser.findElement(By.id("certificateId")).getText())
                .isEqualTo(certificates.issued.id().value());
        // The camera script and jsQR ran under the strict Content-Security-Policy without a refusal.
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .extracting(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Refused"));
    }

    @Test
    void theHomePageIsUsableWithTheKeyboardInAReadingOrder() {
        browser.get(origin + "/?lang=en");
        // autofocus is applied after the load event: wait for it rather than read the focus at once (a busy
        // machine made that flaky), and fail if it never comes.
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> "code".equals(driver.switchTo().activeElement().getDomAttribute("id")));

        // A date field takes one Tab per part (day, month, year, its calendar button): count each field once.
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 30 && order.size() < 7; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            String element = focused.getTagName() + "#" + focused.getDomAttribute("id");
            if (order.isEmpty() || !order.get(order.size() - 1).equals(element)) {
                order.add(element);
            }
        }

        assertThat(order)
                .containsExactly(
                        "input#code-status-at",
                        "button#null",
                        "button#camera-start",
                        "input#file",
                        "input#file-status-at",
                        "button#null",
                        "a#null");
    }

    @Test
    void aDateBeforeItsIssueInTheDateFieldSaysNotYetIssuedAccessiblyAndOffersAnotherDate() throws Exception {
        String axe = Files.readString(AXE, StandardCharsets.UTF_8);
        // Two days ago in Paris ended before this JVM issued the certificate, whatever the time of day.
        String twoDaysAgo = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"))
                .minusDays(2)
                .toString();
        browser.get(origin + "/?lang=fr");

        browser.findElement(By.id("code")).sendKeys(certificates.issued.seal());
        // A date field's typing order follows the browser's locale: its value is set as the picker would set it.
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1];", browser.findElement(By.id("code-status-at")), twoDaysAgo);
        browser.findElement(By.cssSelector("#paste-form button")).click();

        assertThat(verdict()).isEqualTo("NOT_YET_ISSUED");
        assertThat(browser.findElement(By.id("verdict")).getText()).contains("PAS ENCORE DÉLIVRÉE");
        assertThat(browser.findElement(By.id("status-at")).getText()).contains("Statut demandé à la date du");
        assertThat(browser.findElement(By.id("recheck-status-at")).getDomAttribute("type"))
                .isEqualTo("date");
        assertThat(violations(axe)).as("not yet issued result").isEmpty();
    }

    @Test
    void homeAndResultPagesHaveNoSeriousAccessibilityViolationInEitherLanguage() throws Exception {
        String axe = Files.readString(AXE, StandardCharsets.UTF_8);
        for (String lang : List.of("fr", "en")) {
            browser.get(origin + "/?lang=" + lang);
            assertThat(violations(axe)).as("home, " + lang).isEmpty();

            browser.findElement(By.id("code")).sendKeys(certificates.issued.seal() + Keys.ENTER);
            verdict();
            assertThat(violations(axe)).as("valid result, " + lang).isEmpty();

            browser.get(origin + "/?lang=" + lang);
            browser.findElement(By.id("code")).sendKeys(certificates.tamperedSeal() + Keys.ENTER);
            verdict();
            assertThat(violations(axe)).as("not authentic result, " + lang).isEmpty();
        }
    }

    @Test
    void aVerifierWithTrustMaterialOnlyShowsTheNeutralStatusNotCheckedStateAccessibly() throws Exception {
        VerificationService trustOnly =
                new VerificationService(certificates.services.trustStore(), java.time.Clock.systemUTC());
        VerifierConfig config =
                new VerifierConfig("127.0.0.1", 0, VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, "", List.of(), 0);
        Javalin standalone = VerifierApp.create(trustOnly, config).start("127.0.0.1", 0);
        try {
            browser.get("http://127.0.0.1:" + standalone.port() + "/?lang=en");
            browser.findElement(By.id("code")).sendKeys(certificates.issued.seal() + Keys.ENTER);

            assertThat(verdict()).isEqualTo("UNREADABLE");
            WebElement shown = browser.findElement(By.id("verdict"));
            assertThat(shown.getText()).contains("AUTHENTIC, STATUS NOT CHECKED");
            // Neither the green of VALID nor the red of NOT AUTHENTIC: the neutral blue (#1f4e79).
            assertThat(shown.getCssValue("background-color")).isEqualTo("rgba(31, 78, 121, 1)");
            assertThat(browser.findElement(By.id("advice")).getText()).contains("Check it online");
            assertThat(browser.findElement(By.id("certificateId")).getText())
                    .isEqualTo(certificates.issued.id().value());
            assertThat(violations(Files.readString(AXE, StandardCharsets.UTF_8)))
                    .isEmpty();
        } finally {
            standalone.stop();
        }
    }

    /**
     * Every sealed fact of every type is shown labelled, as printed, in French and in English: the agent can compare
     * each value with the paper.
     */
    @Test
    void theResultPageShowsEverySealedFactOfEveryTypeLabelledInBothLanguages() throws Exception {
        CertificateDescriber describer = CertificateDescriber.of(certificates.services.catalog());
        for (CertificateType type : certificates.services.catalog().types()) {
            JsonNode sample = new ObjectMapper().readTree(type.sampleJson());
            IssuedCertificate issued = certificates
                    .services
                    .issuance()
                    .issue(type.id(), sample, folder.resolve(type.id() + "-facts.pdf"), Locale.FRENCH);
            for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
                browser.get(origin + "/?lang=" + locale.getLanguage());
                browser.findElement(By.id("code")).sendKeys(issued.seal() + Keys.ENTER);
                verdict();
                CertificateFacts expected = describer.describe(
                        certificates
                                .services
                                .verification()
                                .verifyCode(issued.seal())
                                .certificate()
                                .orElseThrow(),
                        locale);

                String where = type.id() + ", " + locale;
                assertThat(browser.findElement(By.id("type-name")).getText())
                        .as(where)
                        .isEqualTo(expected.typeName());
                assertThat(browser.findElement(By.id("attests")).getText())
                        .as(where)
                        .isEqualTo(expected.attests().orElseThrow());
                assertThat(browser.findElement(By.id("issuer")).getText())
                        .as(where)
                        .isEqualTo("TEST ONLY - Direction territoriale de Paris (PAR)");
                List<WebElement> shown = browser.findElements(By.cssSelector("#sealed-facts dd.sealed-field"));
                assertThat(shown).as(where).hasSize(expected.fields().size()).isNotEmpty();
                for (int i = 0; i < shown.size(); i++) {
                    CertificateFacts.Field field = expected.fields().get(i);
                    assertThat(shown.get(i).getDomAttribute("data-key"))
                            .as(where)
                            .isEqualTo(field.key());
                    assertThat(shown.get(i).getText()).as(where).isEqualTo(field.display());
                    assertThat(shown.get(i)
                                    .findElement(By.xpath("preceding-sibling::dt[1]"))
                                    .getText())
                            .as(where)
                            .isEqualTo(field.label());
                }
            }
        }
    }

    /** axe-core's serious and critical violations on the current page, as "rule: impact (n nodes)". */
    @SuppressWarnings("unchecked")
    private static List<String> violations(String axe) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "  done(r.violations.filter(function (v) {"
                + "    return v.impact === 'serious' || v.impact === 'critical'; })"
                + "  .map(function (v) { return v.id + ': ' + v.impact + ' (' + v.nodes.length + ' nodes: '"
                + "    + v.nodes.map(function (n) { return n.target.join(' '); }).join(', ') + ')'; }));"
                + "}, function (e) { done(['axe failed: ' + e]); });");
        return (List<String>) result;
    }

    private static String verdict() {
        WebElement verdict = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        return verdict.getDomAttribute("data-verdict");
    }

    private static BufferedImage qrCode(String text, int size) throws WriterException {
        BitMatrix matrix = new QRCodeWriter()
                .encode(
                        text,
                        BarcodeFormat.QR_CODE,
                        size,
                        size,
                        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        return image;
    }

    /**
     * A YUV4MPEG2 video (4:2:0) of the image centred on white, a few identical frames: what Chromium's fake camera
     * plays in a loop.
     */
    static void writeY4m(BufferedImage image, int width, int height, Path file) throws IOException {
        byte[] luma = new byte[width * height];
        java.util.Arrays.fill(luma, (byte) 235);
        int left = (width - image.getWidth()) / 2;
        int top = (height - image.getHeight()) / 2;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFF;
                luma[(top + y) * width + left + x] = (byte) (rgb < 128 ? 16 : 235);
            }
        }
        byte[] chroma = new byte[(width / 2) * (height / 2)];
        java.util.Arrays.fill(chroma, (byte) 128);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        frame.write(luma);
        frame.write(chroma);
        frame.write(chroma);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 10; i++) {
                frame.writeTo(out);
            }
        }
    }
}
