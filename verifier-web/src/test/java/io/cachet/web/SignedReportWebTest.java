package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.status.StatusListSource;
import io.cachet.core.verify.CertificateDescriber;
import io.javalin.Javalin;
import java.io.File;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed verification report from the web: the result page offers it, {@code POST /api/v1/report} and the page's
 * form answer it as a PDF signed with the verifier's report key, which pdfsig validates and Cachet recognises; a
 * verifier without a report key answers 501 and shows no button.
 */
class SignedReportWebTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static TestCertificates certificates;
    private static Javalin withReports;
    private static Javalin withoutReports;
    private static Http http;
    private static Http plain;
    private static io.cachet.core.verify.ReportPdf reports;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.get();
        // The report key first: made on first use, it must be in the trust the verifier checks its reports with.
        reports = certificates.services.reportPdf();
        VerifierConfig config =
                new VerifierConfig("127.0.0.1", 0, VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, "", List.of(), 0);
        withReports = VerifierApp.create(
                        certificates.services.verification(),
                        config,
                        StatusListSource.none(),
                        Optional.empty(),
                        CertificateDescriber.of(certificates.services.catalog()),
                        Optional.of(reports))
                .start("127.0.0.1", 0);
        withoutReports =
                VerifierApp.create(certificates.services.verification(), config).start("127.0.0.1", 0);
        http = new Http("http://127.0.0.1:" + withReports.port());
        plain = new Http("http://127.0.0.1:" + withoutReports.port());
    }

    @AfterAll
    static void stop() {
        withReports.stop();
        withoutReports.stop();
    }

    @Test
    void theApiAnswersASignedReportThatCachetRecognisesAndPdfsigValidates() throws Exception {
        HttpResponse<byte[]> response = http.postForBytes(
                "/api/v1/report?lang=en",
                "application/json",
                JSON.writeValueAsBytes(Map.of("code", certificates.issued.seal())));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(
                        value -> assertThat(value).startsWith("attachment; filename=\"verification-report-"));
        byte[] pdf = response.body();
        VerificationReport verdict = certificates.services.verification().verifyFile(pdf);
        assertThat(verdict.verdict()).as("%s", verdict.checks()).isEqualTo(Verdict.VALID);
        assertThat(verdict.isVerificationReport()).isTrue();
        assertThat(text(pdf)).contains("EL AMRANI").contains("Visa no.").contains("FRA3019284");
        assertPdfsigValid(pdf);
    }

    @Test
    void theResultPageOffersTheReportAndItsFormSendsTheSameCodeAgain() throws Exception {
        String form = "code=" + URLEncoder.encode(certificates.issued.seal(), StandardCharsets.UTF_8);
        HttpResponse<String> page = http.post(
                "/verify?lang=fr", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));

        assertThat(page.body())
                .contains("id=\"report-form\"")
                .contains("Télécharger le rapport signé (PDF)")
                .contains("name=\"code\"");

        HttpResponse<byte[]> report = http.postForBytes(
                "/report?lang=fr", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(text(report.body())).contains("Rapport de vérification").contains("Visa n°");
    }

    @Test
    void anUploadedFileIsSentAgainFromThePageForItsReport() throws Exception {
        byte[] certificate = Files.readAllBytes(certificates.issued.file());
        HttpResponse<String> page = http.postFile("/verify?lang=en", "visa.pdf", certificate);
        String file64 = Base64.getEncoder().encodeToString(certificate);
        assertThat(page.body()).contains("name=\"file64\"").contains(file64.substring(0, 200));

        String form = ReportResend.FILE_FIELD + "=" + URLEncoder.encode(file64, StandardCharsets.UTF_8);
        HttpResponse<byte[]> report = http.postForBytes(
                "/report?lang=en", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(text(report.body()))
                .contains(io.cachet.core.report.ReportTexts.of(java.util.Locale.ENGLISH)
                        .verdict(Verdict.VALID));
        HttpResponse<String> broken = http.post(
                "/report?lang=en",
                "application/x-www-form-urlencoded",
                (ReportResend.FILE_FIELD + "=not*base64").getBytes(StandardCharsets.UTF_8));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("is not Base64");
    }

    @Test
    void aVerifierWithoutAReportKeyOffersNoButtonAndAnswers501() throws Exception {
        String form = "code=" + URLEncoder.encode(certificates.issued.seal(), StandardCharsets.UTF_8);
        HttpResponse<String> page = plain.post(
                "/verify?lang=fr", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> api = plain.post(
                "/api/v1/report",
                "application/json",
                JSON.writeValueAsBytes(Map.of("code", certificates.issued.seal())));

        assertThat(page.body()).doesNotContain("report-form");
        assertThat(api.statusCode()).isEqualTo(501);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(api.body()).contains("no report-signing key").contains("cachet keys add-verifier");
    }

    @Test
    void aVerifierWhoseTrustDoesNotKnowItsOwnReportKeySendsNoReportAndSaysWhy() throws Exception {
        io.cachet.core.verify.VerificationService blind = new io.cachet.core.verify.VerificationService(
                certificates.services.trustStore().withVerifiers(List.of()), java.time.Clock.systemUTC());
        VerifierConfig config =
                new VerifierConfig("127.0.0.1", 0, VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, "", List.of(), 0);
        Javalin misconfigured = VerifierApp.create(
                        blind,
                        config,
                        StatusListSource.none(),
                        Optional.empty(),
                        CertificateDescriber.of(certificates.services.catalog()),
                        Optional.of(reports))
                .start("127.0.0.1", 0);
        try {
            HttpResponse<String> response = new Http("http://127.0.0.1:" + misconfigured.port())
                    .post(
                            "/api/v1/report",
                            "application/json",
                            JSON.writeValueAsBytes(Map.of("code", certificates.issued.seal())));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body())
                    .contains("does not verify with its own trust material")
                    .contains("PDF_SIGNER_UNTRUSTED");
        } finally {
            misconfigured.stop();
        }
    }

    private static void assertPdfsigValid(byte[] pdf) throws Exception {
        Path pdfsig = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "pdfsig"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(pdfsig != null, "pdfsig (poppler-utils) is not installed");
        Path file = Files.write(folder.resolve("web-report.pdf"), pdf);
        Process process = new ProcessBuilder(pdfsig.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("Signature Validation: Signature is Valid.").contains("Total document signed");
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
