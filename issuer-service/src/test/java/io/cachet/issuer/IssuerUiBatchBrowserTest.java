package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.issuer.ui.UiSettings;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The batch pages end to end, in Debian's headless Chromium, signed in through a real OpenID provider (oidc-provider
 * run with node): an agent uploads a CSV with a bad row and sees it listed by line before anything is issued, issues
 * the valid rows only, follows the progress to the end and takes the zip of PDFs and manifest; a correct file is
 * issued in full; a cancelled upload and an abandoned one are forgotten; another agent may not take the zip. axe-core
 * finds no serious or critical violation on any batch page, in French and in English.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssuerUiBatchBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");
    private static final Path SCREENSHOTS = Path.of("target/issuer-ui-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final NodeOpenIdProvider.User AGENT =
            new NodeOpenIdProvider.User("camille.martin", "Camille Martin", List.of("cachet.issue"));
    private static final NodeOpenIdProvider.User OTHER_AGENT =
            new NodeOpenIdProvider.User("jules.petit", "Jules Petit", List.of("cachet.issue"));
    private static final NodeOpenIdProvider.User AUDITOR =
            new NodeOpenIdProvider.User("nora.haddad", "Nora Haddad", List.of("cachet.read"));

    @TempDir
    static Path folder;

    static NodeOpenIdProvider provider;
    static CachetServices services;
    static Javalin app;
    static String origin;
    static WebDriver browser;
    static String axe;
    static String doneBatch;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        origin = "http://127.0.0.1:" + port;
        provider = NodeOpenIdProvider.start(
                folder, List.of(), List.of(AGENT, OTHER_AGENT, AUDITOR), List.of(origin + "/ui/callback"));
        services = IssuerHomes.create(folder);
        OidcSettings oidc = new OidcSettings(provider.issuer(), NodeOpenIdProvider.AUDIENCE, List.of("roles"));
        UiSettings ui = new UiSettings(
                NodeOpenIdProvider.UI_CLIENT_ID,
                Optional.of(NodeOpenIdProvider.UI_CLIENT_SECRET),
                URI.create(origin),
                Duration.ofMinutes(30));
        app = IssuerApp.create(
                        IssuerHomes.of(services, folder),
                        TokenVerifier.of(oidc, Clock.systemUTC()),
                        IssuerApp.Limits.defaults(),
                        Optional.of(ui))
                .start("127.0.0.1", port);
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
                "--window-size=1280,1200",
                "--user-data-dir=" + Files.createDirectories(folder.resolve("chromium-profile")));
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        Files.createDirectories(SCREENSHOTS);
        axe = Files.readString(AXE, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.stop();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    @Order(1)
    void aBadRowIsListedByLineBeforeAnythingIsIssuedThenTheValidRowsAreIssuedAndTheZipHoldsTheirPdfs()
            throws Exception {
        signIn(AGENT, "/ui/batches?lang=fr");
        assertThat(browser.findElement(By.linkText("Lots")).getDomAttribute("href"))
                .isEqualTo("/ui/batches");
        assertNoViolations("/ui/batches");
        long before = IssuerHomes.certificates(services);
        String input = csv("u1", "u2", "u3")
                .replace(
                        "\"u2\",\"EL AMRANI\",\"Yasmine Fatima\",\"1994-07-21\"",
                        "\"u2\",\"EL AMRANI\",\"Yasmine Fatima\",\"not a date\"");
        assertThat(input).contains("not a date");

        upload("visa-validation", file("lot-erreur.csv", input));

        WebElement problems = wait(By.cssSelector("#outcome table"));
        String batchPath = new URI(browser.getCurrentUrl()).getPath();
        assertThat(batchPath).matches("/ui/batches/[0-9a-f-]{36}");
        List<WebElement> cells = problems.findElements(By.cssSelector("tbody tr td"));
        assertThat(cells.get(0).getText()).isEqualTo("3");
        assertThat(cells.get(1).getText()).isEqualTo("holder.birthDate");
        assertThat(cells.get(2).getText())
                .as("the row's problem in the page's language")
                .startsWith("« not a date » n'est pas une date");
        assertThat(problems.findElements(By.cssSelector("tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.id("progress")).getText()).contains("Vérifié, en attente de votre décision");
        assertThat(browser.findElement(By.id("start")).getText())
                .isEqualTo("Délivrer seulement les 2 lignes valides (la ligne en erreur est ignorée)");
        screenshot("lots");
        assertThat(IssuerHomes.certificates(services))
                .as("nothing issued before the agent starts")
                .isEqualTo(before);
        assertThat(services.registry().findByIdempotencyKey("visa-validation/ref:u1"))
                .isEmpty();
        assertNoViolations(batchPath);

        browser.get(origin + batchPath + "?lang=fr");
        browser.findElement(By.id("start")).click();
        String batchId = batchPath.substring("/ui/batches/".length());
        wait(By.id("progress"));
        // A page still following the batch: what it shows next comes from its script, the page is never reloaded.
        boolean following =
                !browser.findElements(By.cssSelector("#main[data-refresh]")).isEmpty();
        ((JavascriptExecutor) browser).executeScript("document.body.setAttribute('data-marker', 'same page');");
        untilDone();
        if (following) {
            assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-marker"))
                    .isEqualTo("same page");
            assertThat(browser.findElement(By.id("zip")).getText()).contains("2 PDF");
        }
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("Terminé : 2 attestations délivrées.");
        assertThat(services.registry().findByIdempotencyKey("visa-validation/ref:u1"))
                .isPresent();
        assertThat(services.registry().findByIdempotencyKey("visa-validation/ref:u2"))
                .isEmpty();
        try (Stream<Path> files = Files.list(folder.resolve("issued/batches/" + batchId))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("the upload is not kept beyond the batch")
                    .noneMatch(name -> name.startsWith("input."));
        }
        assertNoViolations(batchPath);
        doneBatch = batchId;

        HttpResponse<byte[]> finished = get("/ui/batches/" + batchId);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("a finished batch's page needs no script")
                .contains("default-src 'none'")
                .doesNotContain("script-src");

        HttpResponse<byte[]> zip = zip(batchId);
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> entries = unzip(zip.body());
        assertThat(entries.keySet().stream().filter(name -> name.endsWith(".pdf")))
                .hasSize(2);
        List<String> manifest = new String(entries.get("manifest.jsonl"), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(manifest).hasSize(2);
        for (String line : manifest) {
            JsonNode row = JSON.readTree(line);
            String id = row.get("id").asText();
            assertThat(row.get("line").asInt()).isIn(2, 4);
            String pdfName = entries.keySet().stream()
                    .filter(name -> name.endsWith(id + ".pdf"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no PDF of " + id + " in " + entries.keySet()));
            VerificationReport report = services.verification().verifyFile(entries.get(pdfName));
            assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
            assertThat(services.registry().history(new CertificateId(id)).get(0).actor())
                    .isEqualTo("oidc:camille.martin (Camille Martin)");
        }
    }

    @Test
    @Order(2)
    void aCorrectFileIsIssuedInFull() throws Exception {
        upload("visa-validation", file("lot.jsonl", jsonLines("v1", "v2")));

        WebElement start = wait(By.id("start"));
        assertThat(browser.findElement(By.id("outcome")).getText())
                .contains("Les 2 lignes sont valides. Rien n’a encore été délivré.");
        assertThat(start.getText()).isEqualTo("Délivrer les 2 attestations");
        start.click();
        untilDone();
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("Terminé : 2 attestations délivrées.");
        assertThat(browser.findElement(By.id("zip")).getText()).contains("2 PDF");
    }

    @Test
    @Order(3)
    void aCancelledUploadAndAnAbandonedOneAreForgottenWithTheirFiles() throws Exception {
        upload("visa-validation", file("annule.csv", csv("w1")));
        wait(By.id("cancel"));
        String cancelled = new URI(browser.getCurrentUrl()).getPath().substring("/ui/batches/".length());
        assertThat(folder.resolve("issued/batches/" + cancelled)).isDirectory();
        browser.findElement(By.id("cancel")).click();
        assertThat(wait(By.cssSelector("main .success")).getText()).contains("annulé");
        assertThat(folder.resolve("issued/batches/" + cancelled)).doesNotExist();

        upload("visa-validation", file("oublie.csv", csv("x1")));
        wait(By.id("cancel"));
        String abandoned = new URI(browser.getCurrentUrl()).getPath().substring("/ui/batches/".length());
        Path batches = folder.resolve("issued/batches");
        Files.setLastModifiedTime(
                batches.resolve(abandoned).resolve("state.json"),
                FileTime.from(Instant.now().minus(BatchDesk.UNSTARTED_LIFETIME).minusSeconds(60)));
        int discarded =
                new BatchStore(batches).discardCheckedBefore(Instant.now().minus(BatchDesk.UNSTARTED_LIFETIME));
        assertThat(discarded).isEqualTo(1);
        assertThat(batches.resolve(abandoned)).doesNotExist();
        assertThat(batches.resolve(doneBatch)).as("a finished batch stays").isDirectory();
        browser.findElement(By.id("start")).click();
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("no batch has the id");
        assertThat(services.registry().findByIdempotencyKey("visa-validation/ref:x1"))
                .isEmpty();
    }

    @Test
    @Order(4)
    void whatIsNotABatchFileIsShownAtItsFieldInEitherLanguage() throws Exception {
        for (String lang : List.of("fr", "en")) {
            browser.get(origin + "/ui/batches?lang=" + lang);
            browser.findElement(By.cssSelector("#upload button")).click();
            WebElement summary = wait(By.id("summary"));
            assertThat(summary.findElements(By.cssSelector("li"))).hasSize(2);
            WebElement file = browser.findElement(By.id("b-file"));
            assertThat(file.getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(file.getDomAttribute("aria-describedby")).contains("b-file-error");
            assertThat(violations()).as("upload form with errors in " + lang).isEmpty();
        }
        browser.get(origin + "/ui/batches?lang=fr");
        upload("visa-validation", file("photo.csv", "PK\u0003\u0004\u0000\u0000"));
        assertThat(wait(By.id("b-file-error")).getText())
                .contains("Le fichier ne peut pas être lu")
                .contains("binary");
        upload("visa-validation", file("tabs.csv", "ref\tholder.familyName\nx\ty\n"));
        assertThat(wait(By.id("b-file-error")).getText())
                .contains("separated by tabs")
                .doesNotContain(folder.toString());
    }

    @Test
    @Order(5)
    void onlyItsAgentOrAReaderTakesABatchsResults() throws Exception {
        signOut();
        signIn(OTHER_AGENT, "/ui/batches/" + doneBatch);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("batches it started");
        assertThat(zip(doneBatch).statusCode()).isEqualTo(403);

        signOut();
        signIn(AUDITOR, "/ui/batches/" + doneBatch);
        assertThat(browser.findElements(By.linkText("Lots")))
                .as("no upload for a reader")
                .isEmpty();
        assertThat(browser.findElement(By.id("progress")).getText()).contains("Terminé");
        assertThat(zip(doneBatch).statusCode()).isEqualTo(200);
        browser.get(origin + "/ui/batches");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("cachet.issue");
    }

    private static void upload(String type, Path file) {
        if (browser.findElements(By.id("b-file")).isEmpty()) {
            browser.get(origin + "/ui/batches");
        }
        new Select(browser.findElement(By.id("b-type"))).selectByValue(type);
        browser.findElement(By.id("b-file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#upload button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(driver -> !driver.findElements(By.id("progress")).isEmpty()
                        || !driver.findElements(By.id("summary")).isEmpty());
    }

    /** Waits, without reloading, for the page to show the batch done (its script follows the progress). */
    private static void untilDone() {
        // The script replaces the region's content while it is read: an element found may be gone a moment later.
        new WebDriverWait(browser, Duration.ofSeconds(180))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.cssSelector("#progress .status"))
                        .getText()
                        .equals("Terminé"));
    }

    /** The page at {@code path} in French and in English: no serious or critical violation. */
    private static void assertNoViolations(String path) {
        for (String lang : List.of("fr", "en")) {
            browser.get(origin + path + "?lang=" + lang);
            wait(By.id("main"));
            assertThat(violations()).as(path + " in " + lang).isEmpty();
        }
        browser.get(origin + path + "?lang=fr");
    }

    private static HttpResponse<byte[]> zip(String batchId) throws Exception {
        return get("/ui/batches/" + batchId + "/zip");
    }

    /** {@code path} fetched outside the browser with the browser's session cookie. */
    private static HttpResponse<byte[]> get(String path) throws Exception {
        String cookie =
                "cachet_ui=" + browser.manage().getCookieNamed("cachet_ui").getValue();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(origin + path))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static Path file(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static JsonNode sample() throws IOException {
        return JSON.readTree(services.catalog().get("visa-validation").sampleJson());
    }

    /** The sample's data, one row per ref, every cell quoted; the header is line 1, so ref i is on line i + 1. */
    private static String csv(String... refs) throws IOException {
        List<String> header = new ArrayList<>(List.of("ref"));
        List<String> values = new ArrayList<>();
        flatten("", sample(), header, values);
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (String ref : refs) {
            List<String> row = new ArrayList<>(List.of(ref));
            row.addAll(values);
            text.append(row.stream()
                            .map(cell -> '"' + cell.replace("\"", "\"\"") + '"')
                            .collect(Collectors.joining(",")))
                    .append('\n');
        }
        return text.toString();
    }

    private static String jsonLines(String... refs) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String ref : refs) {
            text.append(((com.fasterxml.jackson.databind.node.ObjectNode) sample()).put("ref", ref))
                    .append('\n');
        }
        return text.toString();
    }

    private static void flatten(String prefix, JsonNode node, List<String> header, List<String> values) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isObject()) {
                flatten(prefix + field.getKey() + ".", field.getValue(), header, values);
            } else {
                header.add(prefix + field.getKey());
                values.add(
                        field.getValue().isTextual()
                                ? field.getValue().asText()
                                : field.getValue().toString());
            }
        }
    }

    /** Signs in at the provider's own login page (any password), coming back to {@code path}. */
    private static void signIn(NodeOpenIdProvider.User user, String path) {
        browser.get(origin + path);
        WebElement login = wait(By.name("login"));
        login.sendKeys(user.login());
        browser.findElement(By.name("password")).sendKeys("any password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().startsWith(origin + "/ui")
                        || !driver.findElements(By.cssSelector("form button[autofocus], .consent"))
                                .isEmpty());
        if (!browser.getCurrentUrl().startsWith(origin)) {
            browser.findElement(By.cssSelector("button[type=submit]")).click();
        }
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().startsWith(origin + "/ui"));
    }

    private static void signOut() {
        List<WebElement> buttons = browser.findElements(By.cssSelector(".who button"));
        if (buttons.isEmpty()) {
            browser.get(origin + "/ui");
            buttons = browser.findElements(By.cssSelector(".who button"));
        }
        if (!buttons.isEmpty()) {
            buttons.get(0).click();
            // The provider asks whether to sign out of it as well: yes.
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(driver -> driver.getCurrentUrl().contains("/ui/signed-out")
                            || !driver.findElements(By.cssSelector("button[autofocus], button[value=yes]"))
                                    .isEmpty());
            if (!browser.getCurrentUrl().contains("/ui/signed-out")) {
                List<WebElement> yes = browser.findElements(By.cssSelector("button[value=yes]"));
                (yes.isEmpty() ? browser.findElement(By.cssSelector("button[autofocus]")) : yes.get(0)).click();
            }
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(driver -> driver.getCurrentUrl().contains("/ui/signed-out"));
        }
    }

    private static WebElement wait(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /** axe-core's serious and critical violations on the current page, as "rule: impact (nodes)". */
    @SuppressWarnings("unchecked")
    private static List<String> violations() {
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
}
