package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.PdfSignatureVerifier;
import io.cachet.core.pdf.PdfVerification;
import io.cachet.core.render.PdfA;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.Check;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

class ReportPdfTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    static CachetServices services;
    static byte[] pdf;
    static VerificationReport report;

    @BeforeAll
    static void issueAndVerify() throws Exception {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
        pdf = Files.readAllBytes(services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH)
                .file());
        report = services.verification().verifyPdf(pdf);
    }

    @Test
    void theFrenchReportStatesVerdictCertificateSignerTimestampAndFileHash() throws Exception {
        String text = text(services.reportPdf().write(report, pdf, "visa.pdf", Locale.FRENCH));

        assertThat(text)
                .contains("Rapport de vérification")
                .contains("Résultat : VALIDE")
                .contains("visa.pdf")
                .contains(Sha256.hex(pdf))
                .contains(ReportPdf.format(CLOCK.instant()))
                .contains(report.certificate().orElseThrow().id())
                .contains("EL AMRANI")
                .contains("TEST ONLY - Direction territoriale de Paris")
                .contains("Timestamp Authority")
                .contains("Signature électronique du PDF")
                .contains("Détail technique");
    }

    @Test
    void theEnglishReportIsInEnglish() throws Exception {
        String text = text(services.reportPdf().write(report, pdf, "visa.pdf", Locale.ENGLISH));

        assertThat(text)
                .contains("Verification report")
                .contains("Verdict : VALID")
                .doesNotContain("Résultat");
    }

    @Test
    void aReportOnAForgedFileShowsNoCertificateData() throws Exception {
        byte[] forged = java.util.Arrays.copyOf(pdf, pdf.length + 1);
        VerificationReport invalid = services.verification().verifyPdf(forged);

        String text = text(services.reportPdf().write(invalid, forged, "forged.pdf", Locale.FRENCH));

        assertThat(text)
                .contains("NON AUTHENTIQUE")
                .contains("PDF_MODIFIED_AFTER_SIGNING")
                .contains("Le PDF a été modifié après sa signature.")
                .doesNotContain("EL AMRANI");
    }

    @Test
    void theSignedReportIsPdfA3aInBothLanguages() {
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            byte[] signed = services.reportPdf().write(report, pdf, "visa.pdf", locale);

            assertThat(PdfA.failures(signed, PDFAFlavour.PDFA_3_A))
                    .as(locale.toString())
                    .isEmpty();
        }
    }

    @Test
    void holderNamesOutsideLatin1AreShownAsWritten() throws Exception {
        CertificateSummary genuine = report.certificate().orElseThrow();
        CertificateSummary vietnamese = new CertificateSummary(
                genuine.id(),
                genuine.type(),
                genuine.issuer(),
                genuine.issuedAt(),
                genuine.expiresAt(),
                "NGUYỄN",
                "Thị Hương",
                genuine.birthDate());
        VerificationReport withName = new VerificationReport(
                report.verdict(), report.reasons(), report.checks(), Optional.of(vietnamese), report.checkedAt());

        String text = text(services.reportPdf().write(withName, pdf, "visa.pdf", Locale.FRENCH));

        assertThat(text).contains("NGUYỄN, Thị Hương");
    }

    @Test
    void theReportIsSignedWithTheVerifiersKeyAndTimestamped() throws Exception {
        byte[] signed = services.reportPdf().write(report, pdf, "visa.pdf", Locale.FRENCH);
        char[] passphrase = KeystorePassphrase.resolve(services.home(), services.config(), Map.of());
        var verifierKey = Keystores.read(services.home().verifierKeystore(), "verifier", passphrase);
        // A report-signing key is trusted as a verifier, never as a signer of certificates (ReportSigners).
        TrustStore trust = TrustStore.of(Pem.readCertificates(services.home().rootCertificate()), List.of())
                .withTimestampAnchors(services.trustStore().timestampAnchors())
                .withVerifiers(List.of(verifierKey.certificate()))
                .forReports();

        PdfVerification verification = new PdfSignatureVerifier(trust).verify(signed);

        assertThat(verification.checks())
                .filteredOn(check -> List.of("pdf.coverage", "pdf.signer", "pdf.signature", "pdf.timestamp")
                        .contains(check.name()))
                .extracting(Check::outcome)
                .containsExactly(
                        Check.Outcome.PASSED, Check.Outcome.PASSED, Check.Outcome.PASSED, Check.Outcome.PASSED);
        assertThat(verification.signer()).contains(verifierKey.certificate());
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
