package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.budget.Cancellation;
import io.cachet.core.issue.IssueOptions;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.registry.Registry;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed report PDF says, in the reader's language, when and why a certificate was revoked or replaced (and by
 * which one), and, for a status-at date, the date asked and the events that decided.
 */
class StatusReportPdfTest {
    private static final Instant T0 = Instant.parse("2026-01-10T09:00:00Z");

    @TempDir
    static Path folder;

    static StatusListVerificationTest.MovableClock clock;
    static CachetServices services;
    static IssuedCertificate revoked;
    static IssuedCertificate old;
    static IssuedCertificate corrected;

    @BeforeAll
    static void issueReviseAndRevoke() {
        clock = new StatusListVerificationTest.MovableClock(T0);
        services = TestHomes.create(folder.resolve("home"), clock);
        revoked = issue("revoked.pdf", Optional.empty());
        old = issue("old.pdf", Optional.empty());
        clock.set(T0.plus(Duration.ofDays(2)));
        services.registry()
                .change(
                        revoked.id(),
                        Registry.Change.REVOKE,
                        "agent",
                        Optional.of("fraude documentaire"),
                        clock.instant());
        corrected = issue("corrected.pdf", Optional.of(old));
        clock.set(T0.plus(Duration.ofDays(5)));
    }

    @Test
    void theFrenchReportSaysWhenAndWhyTheCertificateWasRevoked() throws Exception {
        byte[] pdf = Files.readAllBytes(revoked.file());
        VerificationReport report = services.verification().verifyPdf(pdf);

        String text = text(services.reportPdf().write(report, pdf, "revoked.pdf", Locale.FRENCH));

        assertThat(report.verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(text)
                .contains("Statut dans le registre de l'émetteur")
                .contains("Statut au moment de la vérification")
                .contains("révoqué")
                .contains("Révoqué le 2026-01-12 09:00:00 UTC")
                .contains("« fraude documentaire »");
    }

    @Test
    void theEnglishReportSaysByWhichCertificateItWasReplaced() throws Exception {
        byte[] pdf = Files.readAllBytes(old.file());
        VerificationReport report = services.verification().verifyPdf(pdf);

        String text = text(services.reportPdf().write(report, pdf, "old.pdf", Locale.ENGLISH));

        assertThat(text)
                .contains("Status in the issuer's registry")
                .contains("replaced by a corrected certificate")
                .contains("Replaced on 2026-01-12 09:00:00 UTC by certificate "
                        + corrected.id().value());
    }

    @Test
    void atADateBeforeTheRevocationTheReportSaysTheDateAskedAndValid() throws Exception {
        byte[] pdf = Files.readAllBytes(revoked.file());
        Instant asked = T0.plus(Duration.ofDays(1));
        VerificationReport report = services.verification().verifyFile(pdf, Cancellation.never(), Optional.of(asked));

        String french = text(services.reportPdf().write(report, pdf, "revoked.pdf", Locale.FRENCH));
        String english = text(services.reportPdf().write(report, pdf, "revoked.pdf", Locale.ENGLISH));

        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(french)
                .contains("Résultat : VALIDE")
                .contains("Statut demandé à la date du 2026-01-11 09:00:00 UTC")
                .contains("Délivré le 2026-01-10 09:00:00 UTC")
                .contains("Statut à la date demandée")
                .doesNotContain("fraude");
        assertThat(english).contains("Status asked at 2026-01-11 09:00:00 UTC").contains("Issued on 2026-01-10");
    }

    @Test
    void aReportOfAValidCertificateHasNoStatusSection() throws Exception {
        byte[] pdf = Files.readAllBytes(corrected.file());
        VerificationReport report = services.verification().verifyPdf(pdf);

        String text = text(services.reportPdf().write(report, pdf, "corrected.pdf", Locale.FRENCH));

        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(text).doesNotContain("Statut au moment de la vérification").doesNotContain("Événements décisifs");
    }

    private static IssuedCertificate issue(String file, Optional<IssuedCertificate> corrects) {
        return services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        id -> folder.resolve(file),
                        Locale.FRENCH,
                        new IssueOptions("agent", Optional.empty(), corrects.map(IssuedCertificate::id)));
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // Lines wrap where the table cells end, and after a hyphen: compare the words, not the layout.
            return new PDFTextStripper()
                    .getText(document)
                    .replaceAll("-\\s+", "-")
                    .replaceAll("\\s+", " ");
        }
    }
}
