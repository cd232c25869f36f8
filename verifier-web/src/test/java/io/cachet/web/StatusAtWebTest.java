package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.registry.Registry;
import io.cachet.core.services.CachetServices;
import io.cachet.core.status.StatusListSource;
import io.cachet.core.verify.CertificateDescriber;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status at a date on the web: the API's {@code statusAt} (JSON field, multipart and form field) and the date
 * field of the pages. A certificate issued on 10 January 2026 and revoked on the 12th "for documentary fraud" was
 * valid on the 11th and revoked on the 13th.
 */
class StatusAtWebTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static MovableClock clock;
    private static IssuedCertificate issued;
    private static Javalin app;
    private static Http http;

    @BeforeAll
    static void issueRevokeAndServe() throws Exception {
        clock = new MovableClock(Instant.parse("2026-01-10T09:00:00Z"));
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
        services.registry()
                .change(
                        issued.id(),
                        Registry.Change.REVOKE,
                        "agent",
                        Optional.of("fraude documentaire"),
                        Instant.parse("2026-01-12T15:30:00Z"));
        clock.set(Instant.parse("2026-01-20T08:00:00Z"));
        // The report key first: made on first use, it must be in the trust the verifier checks its reports with.
        io.cachet.core.verify.ReportPdf reports = services.reportPdf();
        app = VerifierApp.create(
                        services.verification(),
                        VerifierConfig.onPort(0),
                        StatusListSource.none(),
                        Optional.empty(),
                        CertificateDescriber.of(services.catalog()),
                        Optional.of(reports))
                .start("127.0.0.1", 0);
        http = new Http("http://127.0.0.1:" + app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void theApiAnswersForTheDateAskedInJson() throws Exception {
        JsonNode before = verifyJson("2026-01-11");
        JsonNode after = verifyJson("2026-01-13T10:00:00+01:00");

        assertThat(before.get("verdict").asText()).isEqualTo("VALID");
        assertThat(before.get("statusAt").asText()).isEqualTo("2026-01-11T22:59:59.999Z");
        assertThat(before.get("status").get("status").asText()).isEqualTo("VALID");
        assertThat(after.get("verdict").asText()).isEqualTo("REVOKED");
        assertThat(after.get("statusAt").asText()).isEqualTo("2026-01-13T09:00:00Z");
        JsonNode revocation = after.get("status").get("events").get(1);
        assertThat(revocation.get("kind").asText()).isEqualTo("REVOKED");
        assertThat(revocation.get("at").asText()).isEqualTo("2026-01-12T15:30:00Z");
        assertThat(revocation.get("reason").asText()).isEqualTo("fraude documentaire");
    }

    @Test
    void withoutStatusAtTheApiAnswersForNowAndSaysWhenAndWhy() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("code", issued.seal()).putNull("statusAt");

        JsonNode report = JSON.readTree(http.post("/api/v1/verify", "application/json", JSON.writeValueAsBytes(body))
                .body());

        assertThat(report.get("verdict").asText()).isEqualTo("REVOKED");
        assertThat(report.get("statusAt").isNull()).isTrue();
        assertThat(report.get("status").get("events").get(1).get("reason").asText())
                .isEqualTo("fraude documentaire");
    }

    @Test
    void aDateInTheFutureOrNotADateIsABadRequest() throws Exception {
        for (String statusAt : new String[] {"2026-01-21", "2026-01-11T10:00:00", "yesterday"}) {
            ObjectNode body = JSON.createObjectNode().put("code", issued.seal()).put("statusAt", statusAt);

            HttpResponse<String> response =
                    http.post("/api/v1/verify", "application/json", JSON.writeValueAsBytes(body));

            assertThat(response.statusCode()).as(statusAt).isEqualTo(400);
            assertThat(response.body()).as(statusAt).containsAnyOf("in the future", "the status-at date must be");
        }
        ObjectNode number = JSON.createObjectNode().put("code", issued.seal()).put("statusAt", 20260111);
        assertThat(http.post("/api/v1/verify", "application/json", JSON.writeValueAsBytes(number))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aFileAndAStatusAtFieldInMultipartAreJudgedAtThatDate() throws Exception {
        byte[] pdf = Files.readAllBytes(issued.file());

        JsonNode before =
                JSON.readTree(multipart("/api/v1/verify", pdf, "2026-01-11").body());
        JsonNode after =
                JSON.readTree(multipart("/api/v1/verify", pdf, "2026-01-13").body());

        assertThat(before.get("verdict").asText())
                .as("%s", before.get("checks"))
                .isEqualTo("VALID");
        assertThat(after.get("verdict").asText()).isEqualTo("REVOKED");
    }

    @Test
    void theFormsDateFieldGivesAPageThatSaysTheDateAskedAndOffersAnotherDate() throws Exception {
        HttpResponse<String> page = form("/verify?lang=fr", issued.seal(), "2026-01-11");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-verdict=\"VALID\"")
                .contains("id=\"status-at\"")
                .contains("Statut demandé à la date du")
                .contains("11 janvier 2026, 22:59:59 UTC")
                .contains("id=\"recheck-form\"")
                .contains("name=\"statusAt\" type=\"date\"");
    }

    @Test
    void theEnglishPageOfARevokedCertificateSaysWhenAndWhy() throws Exception {
        HttpResponse<String> page = form("/verify?lang=en", issued.seal(), "2026-01-13");

        assertThat(page.body())
                .contains("data-verdict=\"REVOKED\"")
                .contains("Status in the issuer&#39;s registry")
                .contains("Revoked on 12 January 2026, 15:30:00 UTC, recorded reason: &quot;fraude documentaire&quot;");
    }

    @Test
    void beforeItsIssueThePageSaysNotYetIssued() throws Exception {
        HttpResponse<String> page = form("/verify?lang=fr", issued.seal(), "2026-01-09");

        assertThat(page.body()).contains("data-verdict=\"NOT_YET_ISSUED\"").contains("PAS ENCORE DÉLIVRÉE");
    }

    @Test
    void theHomePageFormsHaveADateField() throws Exception {
        String home = http.get("/?lang=fr").body();

        assertThat(home).contains("id=\"code-status-at\"").contains("id=\"file-status-at\"");
    }

    @Test
    void anUploadedFilesPageOffersNoRecheckForm() throws Exception {
        HttpResponse<String> page = multipart("/verify?lang=fr", Files.readAllBytes(issued.file()), "");

        assertThat(page.body()).contains("data-verdict=\"REVOKED\"").doesNotContain("recheck-form");
    }

    @Test
    void theSignedReportIsForTheDateAskedFromTheApiAndFromThePagesButton() throws Exception {
        HttpResponse<String> page = form("/verify?lang=fr", issued.seal(), "2026-01-11");
        assertThat(page.body())
                .contains("id=\"report-form\"")
                .contains("<input type=\"hidden\" name=\"statusAt\" value=\"2026-01-11\">");

        ObjectNode body = JSON.createObjectNode().put("code", issued.seal()).put("statusAt", "2026-01-11");
        HttpResponse<byte[]> valid =
                http.postForBytes("/api/v1/report?lang=fr", "application/json", JSON.writeValueAsBytes(body));
        HttpResponse<byte[]> revoked = http.postForBytes(
                "/report?lang=en",
                "application/x-www-form-urlencoded",
                ("code=" + URLEncoder.encode(issued.seal(), StandardCharsets.UTF_8) + "&statusAt=2026-01-13")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(text(valid.body()))
                .contains("Statut demandé à la date du")
                .contains("VALIDE")
                .doesNotContain("Révoqué le");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(text(revoked.body()))
                .contains("Status asked at")
                .contains("Revoked on 2026-01-12 15:30:00 UTC")
                .contains("fraude documentaire");
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static JsonNode verifyJson(String statusAt) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("code", issued.seal()).put("statusAt", statusAt);
        HttpResponse<String> response = http.post("/api/v1/verify", "application/json", JSON.writeValueAsBytes(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> form(String path, String code, String statusAt) throws Exception {
        String body = "code=" + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&statusAt="
                + URLEncoder.encode(statusAt, StandardCharsets.UTF_8);
        return http.post(path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> multipart(String path, byte[] file, String statusAt) throws Exception {
        String boundary = "cachet-status-at-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"statusAt\"\r\n\r\n" + statusAt
                        + "\r\n--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"visa.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return http.post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** A clock the test sets: the certificate is issued on one day and verified on another, never by waiting. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
