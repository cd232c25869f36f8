package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateStatus;
import io.cachet.core.registry.RegistryEvent;
import io.cachet.core.services.CachetServices;
import io.cachet.core.types.CertificateType;
import io.cachet.issuer.ui.UiSettings;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agents' pages end to end, in Debian's headless Chromium, signed in through a real OpenID provider
 * (oidc-provider run with node: its own login page, the authorization code flow with PKCE): an agent issues a
 * certificate of each type from its form, a form with errors shows each at its field, a double submission issues
 * once, a supervisor finds a certificate by a name typed without accents and revokes it with a reason after
 * confirming; axe-core finds no serious or critical violation on any page, in French and in English. Screenshots of
 * the main pages go to target/issuer-ui-screenshots (docs/issuer-ui.md shows them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssuerUiBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");
    private static final Path SCREENSHOTS = Path.of("target/issuer-ui-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NodeOpenIdProvider.User AGENT =
            new NodeOpenIdProvider.User("camille.martin", "Camille Martin", List.of("cachet.issue"));
    private static final NodeOpenIdProvider.User SUPERVISOR = new NodeOpenIdProvider.User(
            "sophie.leroy", "Sophie Leroy", List.of("cachet.issue", "cachet.manage", "cachet.read"));

    @TempDir
    static Path folder;

    static NodeOpenIdProvider provider;
    static CachetServices services;
    static Javalin app;
    static String origin;
    static WebDriver browser;
    static final Map<String, String> issued = new java.util.LinkedHashMap<>();

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
                folder, List.of(), List.of(AGENT, SUPERVISOR), List.of(origin + "/ui/callback"));
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
    void anAgentSignsInWithTheProviderAndIssuesACertificateOfEachType() throws Exception {
        signIn(AGENT, "/ui?lang=fr");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Bonjour Camille Martin");
        screenshot("accueil");

        for (CertificateType type : services.catalog().types()) {
            browser.get(origin + "/ui/issue/" + type.id());
            fill(JSON.readTree(type.sampleJson()));
            if ("visa-validation".equals(type.id())) {
                screenshot("formulaire");
            }
            browser.findElement(By.cssSelector("button[value=issue]")).click();

            WebElement success = wait(By.cssSelector(".success"));
            String id = browser.getCurrentUrl().replaceAll(".*/ui/certificates/([^?]+).*", "$1");
            assertThat(CertificateId.isWellFormed(id))
                    .as(browser.getCurrentUrl())
                    .isTrue();
            assertThat(success.getText()).contains(id);
            issued.put(type.id(), id);
            assertThat(services.registry()
                            .find(new CertificateId(id))
                            .orElseThrow()
                            .type())
                    .isEqualTo(type.id());
            List<RegistryEvent> history = services.registry().history(new CertificateId(id));
            assertThat(history.get(0).actor()).isEqualTo("oidc:camille.martin (Camille Martin)");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Valide");
        }
        screenshot("attestation-delivree");
        assertThat(issued).hasSize(services.catalog().types().size());
    }

    @Test
    @Order(2)
    void aFormWithErrorsShowsEveryProblemAtItsFieldAndIssuesNothing() throws Exception {
        long before = IssuerHomes.certificates(services);
        browser.get(origin + "/ui/issue/visa-validation");
        browser.findElement(By.cssSelector("button[value=issue]")).click();

        WebElement summary = wait(By.id("summary"));
        assertThat(summary.findElements(By.cssSelector("li"))).hasSizeGreaterThan(3);
        WebElement familyName = browser.findElement(By.name("holder.familyName"));
        assertThat(familyName.getDomAttribute("aria-invalid")).isEqualTo("true");
        String describedBy = familyName.getDomAttribute("aria-describedby");
        assertThat(browser.findElement(By.id(describedBy)).getText()).contains("à renseigner");
        screenshot("formulaire-erreurs");

        // A business rule and a date order broken: said in French at their fields, as the validator means them.
        ObjectNode wrong = (ObjectNode)
                JSON.readTree(services.catalog().get("visa-validation").sampleJson());
        wrong.put("visaCategory", "étudiant");
        wrong.put("entryDate", "2026-10-20");
        fill(wrong);
        browser.findElement(By.cssSelector("button[value=issue]")).click();
        wait(By.id("summary"));
        assertThat(errorOf("cirStatus"))
                .isEqualTo("« signé » est impossible pour un visa « étudiant » (les étudiants sont dispensés du"
                        + " contrat d'intégration républicaine)");
        assertThat(errorOf("medicalVisitDate")).isEqualTo("14/10/2026 est antérieure à entryDate (20/10/2026)");
        assertThat(IssuerHomes.certificates(services)).isEqualTo(before);
    }

    @Test
    @Order(3)
    void theSameFormSentTwiceIssuesOnce() throws Exception {
        // The form as the browser would send it, posted twice at once with the agent's session (a double click).
        String form = filledForm("medical-visit");
        String cookie = sessionCookie();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(
                        URI.create(origin + "/ui/issue/medical-visit"))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                .build();
        var first = http.sendAsync(post, java.net.http.HttpResponse.BodyHandlers.ofString());
        var second = http.sendAsync(post, java.net.http.HttpResponse.BodyHandlers.ofString());
        List<String> locations = new java.util.ArrayList<>();
        for (var answer : List.of(first.get(), second.get())) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
            locations.add(answer.headers().firstValue("Location").orElseThrow());
        }
        assertThat(locations.get(0)).isEqualTo(locations.get(1));
        String id = locations.get(0).replaceAll(".*/ui/certificates/([^?]+).*", "$1");
        assertThat(services.registry().find(new CertificateId(id))).isPresent();
        // The same form sent again later (the back button, then the button again): the same certificate.
        browser.findElement(By.cssSelector("button[value=issue]")).click();
        wait(By.cssSelector(".success"));
        assertThat(browser.getCurrentUrl()).contains(id);
    }

    @Test
    @Order(3)
    void aFormOverTheRequestLimitIsRefusedAndIssuesNothing() throws Exception {
        String form = filledForm("appointment");
        String cookie = sessionCookie();
        long before = IssuerHomes.certificates(services);
        // The agent's own session and CSRF token, and one field of 400 KB (the service takes 256 KB per request).
        String huge = form + "&holder.givenNames=" + "A".repeat(400 * 1024);

        java.net.http.HttpResponse<String> answer =
                EarlyRefusals.send(java.net.http.HttpRequest.newBuilder(URI.create(origin + "/ui/issue/appointment"))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(huge))
                        .build());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).doesNotContain("AAAAAAAAAA");
        assertThat(IssuerHomes.certificates(services)).isEqualTo(before);
        // The session is untouched: the same form, at its size, still issues.
        browser.findElement(By.cssSelector("button[value=issue]")).click();
        wait(By.cssSelector(".success"));
        assertThat(IssuerHomes.certificates(services)).isEqualTo(before + 1);
    }

    @Test
    @Order(4)
    void aSupervisorFindsACertificateByNameWithoutAccentsAndRevokesItAfterConfirming() throws Exception {
        signOut();
        signIn(SUPERVISOR, "/ui/certificates");
        browser.findElement(By.id("s-name")).sendKeys("el amrani yasmine");
        browser.findElement(By.cssSelector("form.search button")).click();
        wait(By.cssSelector("table tbody tr"));
        screenshot("recherche");
        String id = issued.get("visa-validation");
        browser.findElement(By.linkText(id)).click();
        wait(By.id("revoke-reason"));
        screenshot("attestation");

        browser.findElement(By.id("revoke-reason")).sendKeys("Délivrée par erreur");
        browser.findElement(By.cssSelector("button.danger")).click();
        assertThat(wait(By.cssSelector(".summary")).getText()).contains("Cochez la case");
        assertThat(services.registry().find(new CertificateId(id)).orElseThrow().status())
                .isEqualTo(CertificateStatus.VALID);
        browser.findElement(By.id("c-confirm")).click();
        browser.findElement(By.cssSelector("button.danger")).click();

        wait(By.id("history-title"));
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Révoquée")
                .contains("Délivrée par erreur")
                .contains("oidc:sophie.leroy (Sophie Leroy)");
        assertThat(services.registry().find(new CertificateId(id)).orElseThrow().status())
                .isEqualTo(CertificateStatus.REVOKED);
    }

    @Test
    @Order(5)
    void anAgentWithoutTheManageRoleSeesNoLifecycleAction() {
        signOut();
        signIn(AGENT, "/ui/certificates/" + issued.get("cir"));
        wait(By.id("history-title"));
        assertThat(browser.findElements(By.id("revoke-reason"))).isEmpty();
        browser.get(origin + "/ui/certificates");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("cachet.read");
    }

    @Test
    @Order(6)
    void everyPageHasNoSeriousOrCriticalAccessibilityViolationInEitherLanguage() throws Exception {
        signOut();
        signIn(SUPERVISOR, "/ui");
        String axe = Files.readString(AXE, StandardCharsets.UTF_8);
        String certificate = issued.get("family-reunification-deposit");
        List<String> pages = List.of(
                "/ui",
                "/ui/issue",
                "/ui/issue/family-reunification-deposit",
                "/ui/certificates",
                "/ui/certificates?name=amrani",
                "/ui/certificates/" + certificate,
                "/ui/certificates/" + certificate + "/reissue",
                "/ui/certificates/0000-0000-0000-0000-0");
        for (String lang : List.of("fr", "en")) {
            for (String page : pages) {
                browser.get(origin + page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
                assertThat(violations(axe)).as(page + " in " + lang).isEmpty();
            }
            browser.get(origin + "/ui/issue/visa-validation?lang=" + lang);
            browser.findElement(By.cssSelector("button[value=issue]")).click();
            wait(By.id("summary"));
            assertThat(violations(axe)).as("form with errors in " + lang).isEmpty();
        }
    }

    /** Signs in at the provider's own login page (any password), coming back to {@code path}. */
    /** The issuing form of {@code type} filled with its sample, as the browser would send it to issue. */
    private static String filledForm(String type) throws Exception {
        browser.get(origin + "/ui/issue/" + type);
        fill(JSON.readTree(services.catalog().get(type).sampleJson()));
        return (String) ((JavascriptExecutor) browser)
                .executeScript("var f = document.getElementById('form'); var d = new FormData(f);"
                        + "d.append('action', 'issue'); return new URLSearchParams(d).toString();");
    }

    /** The agent's session cookie, for requests sent beside the browser. */
    private static String sessionCookie() {
        return "cachet_ui=" + browser.manage().getCookieNamed("cachet_ui").getValue();
    }

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

    /** Fills the form from a sample's data, adding list rows as needed (setting values as a person would pick them). */
    private static void fill(JsonNode data) {
        fill("", data);
    }

    private static void fill(String prefix, JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                fill(name + ".", value);
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    while (browser.findElements(By.name(name + "[" + i + "]."
                                    + value.get(i).fieldNames().next()))
                            .isEmpty()) {
                        browser.findElement(By.cssSelector("button[value=add-row]"))
                                .click();
                    }
                    fill(name + "[" + i + "].", value.get(i));
                }
            } else {
                WebElement input = browser.findElement(By.name(name));
                ((JavascriptExecutor) browser)
                        .executeScript("arguments[0].value = arguments[1];", input, value.asText());
            }
        }
    }

    /** The error shown at a field, through its aria-describedby. */
    private static String errorOf(String name) {
        WebElement input = browser.findElement(By.name(name));
        assertThat(input.getDomAttribute("aria-invalid")).as(name).isEqualTo("true");
        return java.util.Arrays.stream(input.getDomAttribute("aria-describedby").split(" "))
                .map(id -> browser.findElement(By.id(id)))
                .filter(element -> element.getAttribute("class") != null
                        && element.getAttribute("class").contains("error"))
                .map(WebElement::getText)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error shown at " + name));
    }

    private static WebElement wait(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private static void screenshot(String name) throws java.io.IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /** axe-core's serious and critical violations on the current page, as "rule: impact (nodes)". */
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
}
