package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cachet.core.CachetException;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.registry.Registry;
import io.cachet.core.services.CachetServices;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone verifier (trust material only) never shows a revoked certificate as VALID: without a status source
 * it says "authentic, status not checked" in a neutral colour with the data and the advice to check online; with the
 * office's signed status list, from a file or from an address, it says REVOKED.
 */
class StandaloneStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static CachetServices services;
    private static IssuedCertificate revoked;
    private static byte[] statusList;

    @BeforeAll
    static void homeWithAStatusListUriAndARevokedCertificate() throws Exception {
        Clock clock = Clock.systemUTC();
        CachetHome home = new CachetHome(folder.resolve("home"));
        new HomeInitializer(clock, Map.of())
                .initialize(home, new HomeInitializer.Request("PAR", "Paris", true, false, "http://localhost"));
        Files.writeString(
                home.configFile(),
                "\n" + CachetServices.STATUS_LIST_URI_PROPERTY + "=https://ofii.fr/sl\n",
                StandardOpenOption.APPEND);
        services = new CachetServices(home, Optional.empty(), Map.of(), clock);
        JsonNode sample =
                JSON.readTree(services.catalog().get("visa-validation").sampleJson());
        revoked = services.issuance().issue("visa-validation", sample, folder.resolve("visa.pdf"), Locale.FRENCH);
        services.registry()
                .change(revoked.id(), Registry.Change.REVOKE, "agent", Optional.of("fraud"), clock.instant());
        statusList = services.statusList().export(Duration.ofDays(1), Duration.ofHours(1));
    }

    @Test
    void withoutAStatusSourceARevokedCertificateIsAuthenticButStatusNotChecked() throws Exception {
        Javalin app = start(Map.of());
        try {
            Http http = new Http("http://127.0.0.1:" + app.port());
            JsonNode report = verifyApi(http);
            HttpResponse<String> page = verifyPage(http, "fr");

            assertThat(report.get("verdict").asText()).isEqualTo("UNREADABLE");
            assertThat(report.get("reasons").toString()).isEqualTo("[\"STATUS_NOT_CHECKED\"]");
            assertThat(report.get("certificate").get("id").asText())
                    .isEqualTo(revoked.id().value());
            assertThat(page.body())
                    .contains("data-verdict=\"UNREADABLE\"")
                    .contains("verdict-unchecked")
                    .contains("AUTHENTIQUE, STATUT NON VÉRIFIÉ")
                    .contains("EL AMRANI")
                    .contains("href=\"https://ofii.fr/\"")
                    .doesNotContain("VALIDE :")
                    .doesNotContain("verdict-valid");
        } finally {
            app.stop();
        }
    }

    @Test
    void withTheStatusListFileARevokedCertificateIsRevoked() throws Exception {
        Path file = folder.resolve("status-list.cwt");
        Files.write(file, statusList);
        Javalin app = start(Map.of("CACHET_STATUS_LIST_FILE", file.toString()));
        try {
            Http http = new Http("http://127.0.0.1:" + app.port());

            assertThat(verifyApi(http).get("verdict").asText()).isEqualTo("REVOKED");
            assertThat(verifyPage(http, "en").body())
                    .contains("data-verdict=\"REVOKED\"")
                    .contains("verdict-revoked")
                    .contains("REVOKED: authentic but withdrawn by the issuer");
        } finally {
            app.stop();
        }
    }

    @Test
    void withTheStatusListUrlARevokedCertificateIsRevoked() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/status-list", exchange -> {
            exchange.sendResponseHeaders(200, statusList.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(statusList);
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/status-list";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Javalin app = start(Map.of("CACHET_STATUS_LIST_URL", url), out);
        try {
            Http http = new Http("http://127.0.0.1:" + app.port());

            assertThat(verifyApi(http).get("verdict").asText()).isEqualTo("REVOKED");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("status from the status list " + url);
        } finally {
            app.stop();
            server.stop(0);
        }
    }

    @Test
    void bothAStatusListUrlAndFileAreRefused() {
        assertThatThrownBy(() -> start(Map.of(
                        "CACHET_STATUS_LIST_URL", "https://ofii.fr/sl", "CACHET_STATUS_LIST_FILE", "/tmp/sl.cwt")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("set one of them");
        assertThatThrownBy(() -> start(Map.of("CACHET_STATUS_LIST_URL", "ftp://ofii.fr/sl")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("http:// or https://");
    }

    private static Javalin start(Map<String, String> environment) {
        return start(environment, new ByteArrayOutputStream());
    }

    private static Javalin start(Map<String, String> environment, ByteArrayOutputStream out) {
        return VerifierMain.start(
                new String[] {
                    "--trust-dir",
                    services.home().trustDirectory().toString(),
                    "--config",
                    emptyConfig().toString(),
                    "--port",
                    "0",
                    "--bind",
                    "127.0.0.1"
                },
                environment,
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private static Path emptyConfig() {
        try {
            Path config = folder.resolve("verifier.properties");
            if (!Files.exists(config)) {
                Files.writeString(config, "rate-limit-per-minute=0\n");
            }
            return config;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode verifyApi(Http http) throws Exception {
        HttpResponse<String> response =
                http.post("/api/v1/verify", "application/json", JSON.writeValueAsBytes(Map.of("code", revoked.seal())));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> verifyPage(Http http, String lang) throws Exception {
        String form = "code=" + URLEncoder.encode(revoked.seal(), StandardCharsets.UTF_8);
        return http.post(
                "/verify?lang=" + lang, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }
}
