package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.verify.VerificationService;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web verifier, running for real on a free port, with a real home and a real issued certificate. */
class VerifierAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestCertificates certificates;
    private static Javalin app;
    private static Http http;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.get();
        app = VerifierApp.create(certificates.services.verification(), VerifierConfig.onPort(0))
                .start("127.0.0.1", 0);
        http = new Http("http://127.0.0.1:" + app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void apiVerifiesAPastedCode() throws Exception {
        HttpResponse<String> response = http.post(
                "/api/v1/verify",
                "application/json",
                JSON.writeValueAsBytes(Map.of("code", certificates.issued.seal())));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.get("certificate").get("id").asText())
                .isEqualTo(certificates.issued.id().value());
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void apiLabelsTheSealedFactsInTheLanguageAskedForFrenchByDefault() throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("code", certificates.issued.seal()));

        JsonNode french = JSON.readTree(
                http.post("/api/v1/verify", "application/json", body).body());
        JsonNode english = JSON.readTree(
                http.post("/api/v1/verify?lang=en", "application/json", body).body());
        JsonNode preferred = JSON.readTree(
                http.post("/api/v1/verify", "application/json", body, "Accept-Language", "de-DE, en;q=0.8, fr;q=0.5")
                        .body());
        HttpResponse<String> unknown = http.post("/api/v1/verify?lang=de", "application/json", body);

        assertThat(french.at("/certificate/typeName").asText()).startsWith("Attestation de validation du visa");
        assertThat(french.at("/certificate/issuerName").asText())
                .isEqualTo("TEST ONLY - Direction territoriale de Paris");
        assertThat(french.at("/certificate/fields/0/key").asText()).isEqualTo("visaNumber");
        assertThat(french.at("/certificate/fields/0/label").asText()).isEqualTo("Visa n°");
        assertThat(french.at("/certificate/fields/2/value").asText()).isEqualTo("2026-10-14");
        assertThat(french.at("/certificate/fields/2/display").asText()).isEqualTo("14/10/2026");
        assertThat(english.at("/certificate/typeName").asText()).startsWith("Certificate of validation");
        assertThat(english.at("/certificate/fields/0/label").asText()).isEqualTo("Visa no.");
        assertThat(preferred.at("/certificate/typeName").asText())
                .isEqualTo(english.at("/certificate/typeName").asText());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("lang must be fr or en");
    }

    @Test
    void apiVerifiesAnUploadedPdfWhateverItsName() throws Exception {
        byte[] pdf = Files.readAllBytes(certificates.issued.file());

        HttpResponse<String> response = http.postFile("/api/v1/verify", "any-name.bin", pdf);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("verdict").asText()).isEqualTo("VALID");
    }

    @Test
    void aTextFileNamedLikeAPdfIsUnreadableNotParsed() throws Exception {
        HttpResponse<String> response =
                http.postFile("/api/v1/verify", "certificate.pdf", "just some text".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("verdict").asText()).isEqualTo("UNREADABLE");
        assertThat(report.get("reasons").toString()).contains("INPUT_UNREADABLE");
    }

    @Test
    void aPhotoWithoutAQrCodeCouldNotBeChecked() throws Exception {
        java.awt.image.BufferedImage blank =
                new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(blank, "png", png);

        HttpResponse<String> response = http.postFile("/verify?lang=en", "photo.pdf", png.toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("data-verdict=\"UNREADABLE\"").contains("COULD NOT CHECK");
    }

    @Test
    void aPhotoWithoutAQrCodeSaysHowToTakeABetterOne() throws Exception {
        java.awt.image.BufferedImage blank =
                new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(blank, "png", png);

        HttpResponse<String> response = http.postFile("/verify?lang=en", "photo.png", png.toByteArray());

        assertThat(response.body())
                .contains("id=\"advice\"")
                .contains("the QR code filling the frame")
                .contains("upload the PDF instead")
                .doesNotContain("NOT AUTHENTIC");
    }

    @Test
    void textThatIsNotACachetCodeIsNotCalledAForgeryAndGetsAdvice() throws Exception {
        String truncated = certificates.issued.seal().substring(0, 100);
        for (String text : List.of(
                "bonjour", truncated, "HC1:" + certificates.issued.seal().substring(4))) {
            String form = "code=" + URLEncoder.encode(text, StandardCharsets.UTF_8);

            HttpResponse<String> response = http.post(
                    "/verify?lang=fr", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));

            assertThat(response.body())
                    .as(text)
                    .contains("data-verdict=\"UNREADABLE\"")
                    .contains("verdict-unknown")
                    .contains("disposition du clavier")
                    .doesNotContain("NON AUTHENTIQUE");
        }
    }

    @Test
    void aCodePastedInLowerCaseIsReadAndValid() throws Exception {
        String form = "code="
                + URLEncoder.encode(
                        certificates.issued.seal().toLowerCase(java.util.Locale.ROOT), StandardCharsets.UTF_8);

        HttpResponse<String> response = http.post(
                "/verify?lang=en", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));

        assertThat(response.body()).contains("data-verdict=\"VALID\"").contains("EL AMRANI");
    }

    @Test
    void formWithAPastedCodeShowsTheVerdictInWordsAndTheGroupedChecks() throws Exception {
        String form = "code=" + URLEncoder.encode(certificates.issued.seal(), StandardCharsets.UTF_8);

        HttpResponse<String> response = http.post(
                "/verify?lang=fr", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("data-verdict=\"VALID\"")
                .contains("VALIDE")
                .contains("EL AMRANI")
                .contains("21 juillet 1994")
                .contains("Signature\u00a0: réussi")
                .contains("data-group=\"signature\"")
                .contains("data-group=\"issuer\"")
                .contains("data-group=\"dates\"");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aTamperedCodeIsNotAuthenticAndShowsNoHolderData() throws Exception {
        String form = "code=" + URLEncoder.encode(certificates.tamperedSeal(), StandardCharsets.UTF_8);

        HttpResponse<String> response = http.post(
                "/verify?lang=en", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));

        assertThat(response.body())
                .contains("data-verdict=\"INVALID\"")
                .contains("NOT AUTHENTIC")
                .doesNotContain("EL AMRANI");
    }

    @Test
    void theFrenchResultPageNamesChecksAndReasonsInFrench() throws Exception {
        String form = "code=" + URLEncoder.encode(certificates.tamperedSeal(), StandardCharsets.UTF_8);

        HttpResponse<String> response = http.post(
                "/verify?lang=fr", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));

        assertThat(response.body())
                .contains("data-verdict=\"INVALID\"")
                .contains("Signature du cachet")
                .contains("La signature ne se vérifie pas");
    }

    @Test
    void malformedJsonGetsProblemDetailsWithoutStackTrace() throws Exception {
        HttpResponse<String> response =
                http.post("/api/v1/verify", "application/json", "{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"status\"")
                .doesNotContain("Exception")
                .doesNotContain("at io.");
    }

    @Test
    void anUnknownPageIsAFriendlyPageAndAnUnknownApiPathIsProblemDetails() throws Exception {
        HttpResponse<String> page = http.get("/nothing-here?lang=en");
        HttpResponse<String> api = http.get("/api/v1/nothing-here");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("This page does not exist").doesNotContain("Exception");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void healthIsUpWithTrustMaterial() throws Exception {
        HttpResponse<String> response = http.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void healthIsDownWithoutTrustMaterial() throws Exception {
        Javalin empty = VerifierApp.create(
                        new VerificationService(TrustStore.of(List.of(), List.of()), Clock.systemUTC()),
                        VerifierConfig.onPort(0))
                .start("127.0.0.1", 0);
        try {
            HttpResponse<String> response = new Http("http://127.0.0.1:" + empty.port()).get("/health");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("DOWN");
        } finally {
            empty.stop();
        }
    }

    @Test
    void trustListNamesTheSignerWithItsKeyIdAndPem() throws Exception {
        HttpResponse<String> response = http.get("/api/v1/trust-list");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode signer = JSON.readTree(response.body()).get("signers").get(0);
        assertThat(signer.get("kid").asText()).matches("[0-9a-f]{16}");
        assertThat(signer.get("pem").asText()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(signer.get("notAfter").asText()).endsWith("Z");
    }

    @Test
    void metricsArePrometheusTextWithJvmAndHttpRequests() throws Exception {
        http.get("/health");

        HttpResponse<String> response = http.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("jvm_memory_used_bytes")
                .contains("http_server_requests_seconds_count")
                .contains("uri=\"/health\"");
    }

    @Test
    void theApiDescriptionIsServedRawAndAsAPage() throws Exception {
        HttpResponse<String> yaml = http.get("/api/openapi.yaml");
        HttpResponse<String> page = http.get("/api/docs");

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/api/v1/verify").contains("href=\"/api/openapi.yaml\"");
    }
}
