package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.CachetServices;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.issue.IssuedCertificate;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web verifier, running for real on a free port, with a real home and a real issued certificate. */
class VerifierAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path folder;

    static IssuedCertificate issued;
    static Javalin app;
    static String origin;

    @BeforeAll
    static void start() throws Exception {
        Clock clock = Clock.systemUTC();
        CachetHome home = new CachetHome(folder.resolve("home"));
        new HomeInitializer(clock, Map.of())
                .initialize(
                        home,
                        new HomeInitializer.Request(
                                "PAR", "Direction territoriale de Paris", true, false, "http://localhost"));
        CachetServices services = new CachetServices(home, Optional.empty(), Map.of(), clock);
        JsonNode sample =
                JSON.readTree(services.catalog().get("visa-validation").sampleJson());
        issued = services.issuance().issue("visa-validation", sample, folder.resolve("visa.pdf"), Locale.FRENCH);
        app = VerifierApp.create(services.verification(), VerifierConfig.onPort(0))
                .start("127.0.0.1", 0);
        origin = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void apiVerifiesAPastedCode() throws Exception {
        HttpResponse<String> response =
                post("/api/v1/verify", "application/json", JSON.writeValueAsBytes(Map.of("code", issued.seal())));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.get("certificate").get("id").asText())
                .isEqualTo(issued.id().value());
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void apiVerifiesAnUploadedPdf() throws Exception {
        byte[] pdf = Files.readAllBytes(issued.file());
        String boundary = "cachet-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"any-name.bin\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(pdf);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> response =
                post("/api/v1/verify", "multipart/form-data; boundary=" + boundary, body.toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("verdict").asText()).isEqualTo("VALID");
    }

    @Test
    void formWithAPastedCodeShowsTheVerdictInWords() throws Exception {
        String form = "code=" + URLEncoder.encode(issued.seal(), StandardCharsets.UTF_8) + "&lang=fr";

        HttpResponse<String> response =
                post("/verify", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("data-verdict=\"VALID\"")
                .contains("VALIDE")
                .contains("EL AMRANI");
    }

    @Test
    void aTamperedCodeIsNotAuthenticAndShowsNoHolderData() throws Exception {
        String seal = issued.seal();
        String tampered = seal.substring(0, 40) + (seal.charAt(40) == 'A' ? 'B' : 'A') + seal.substring(41);
        String form = "code=" + URLEncoder.encode(tampered, StandardCharsets.UTF_8) + "&lang=en";

        HttpResponse<String> response =
                post("/verify", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));

        assertThat(response.body())
                .contains("data-verdict=\"INVALID\"")
                .contains("NOT AUTHENTIC")
                .doesNotContain("EL AMRANI");
    }

    @Test
    void malformedJsonGetsProblemDetailsWithoutStackTrace() throws Exception {
        HttpResponse<String> response =
                post("/api/v1/verify", "application/json", "{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"status\"")
                .doesNotContain("Exception")
                .doesNotContain("at io.");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(origin + "/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'self'")
                        .contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.body()).contains("<form method=\"post\" action=\"/verify\"");
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(origin + "/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("UP");
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(origin + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
