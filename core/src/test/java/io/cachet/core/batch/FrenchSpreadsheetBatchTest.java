package io.cachet.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file as a French spreadsheet saves it ({@code batch/french-spreadsheet.csv}: Windows-1252
 * bytes, {@code ;} separators, CRLF, dates as 31/12/1990, a birth date known only as 1990 or 03/1985, a holder with a
 * single name, a quoted cell holding a {@code ;}, a trailing row of empty cells) issues without hand-editing.
 */
class FrenchSpreadsheetBatchTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    static CachetServices services;
    static BatchService.Summary summary;

    @BeforeAll
    static void issueTheSpreadsheet() throws Exception {
        Path input = folder.resolve("export.csv");
        try (InputStream fixture =
                FrenchSpreadsheetBatchTest.class.getResourceAsStream("/batch/french-spreadsheet.csv")) {
            Files.write(input, fixture.readAllBytes());
        }
        services = TestHomes.create(folder.resolve("home"), CLOCK);
        BatchService batch = new BatchService(services.catalog(), services.issuance(), services.registry(), CLOCK);

        summary = batch.run(
                new BatchService.Request(
                        "visa-validation",
                        input,
                        Optional.empty(),
                        folder.resolve("out"),
                        1,
                        false,
                        "test",
                        Locale.FRENCH),
                (done, failed, toIssue) -> {});
    }

    static CertificateRecord record(String ref) {
        // BatchService records each row under TYPE/KEY.
        return services.registry()
                .findByIdempotencyKey("visa-validation/ref:" + ref)
                .orElseThrow();
    }

    static String text(CertificateRecord record) throws Exception {
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(record.file()))) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void theFixtureIsWhatASpreadsheetWrites() throws Exception {
        byte[] bytes;
        try (InputStream fixture = getClass().getResourceAsStream("/batch/french-spreadsheet.csv")) {
            bytes = fixture.readAllBytes();
        }
        String raw = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(bytes).contains((byte) 0xE9); // é in Windows-1252, alone: not UTF-8
        assertThat(raw).startsWith("ref;holder.familyName;").contains("\r\n").contains("31/12/1990");
    }

    @Test
    void everyRowIsIssuedAndTheBlankRowIgnored() {
        assertThat(summary.failures()).isEmpty();
        assertThat(summary.invalid()).isZero();
        assertThat(summary.rows()).isEqualTo(3);
        assertThat(summary.issued()).isEqualTo(3);
    }

    @Test
    void accentsReadFromWindows1252AreSealedAndPrinted() throws Exception {
        CertificateRecord record = record("V-003");

        assertThat(record.holder().givenNames()).isEqualTo("Hélène");
        assertThat(text(record))
                .contains("Hélène")
                .contains("Montréal (Canada)")
                .contains("étudiant");
    }

    @Test
    void frenchDatesAreRecordedInIsoAndPrintedTheFrenchWay() throws Exception {
        CertificateRecord record = record("V-003");

        assertThat(record.holder().birthDate()).isEqualTo("1990-12-31");
        assertThat(text(record)).contains("31/12/1990").contains("05/09/2026");
    }

    @Test
    void aBirthDateKnownOnlyByItsYearIsSealedAndPrintedAsTheYear() throws Exception {
        CertificateRecord record = record("V-001");
        VerificationReport report = services.verification().verifyPdf(Files.readAllBytes(record.file()));

        assertThat(record.holder().birthDate()).isEqualTo("1990");
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.certificate().orElseThrow().birthDate()).isEqualTo("1990");
        assertThat(text(record)).contains("1990").doesNotContain("01/01/1990");
    }

    @Test
    void aBirthDateKnownByItsMonthIsPrintedAsTheMonth() throws Exception {
        CertificateRecord record = record("V-002");

        assertThat(record.holder().birthDate()).isEqualTo("1985-03");
        assertThat(text(record)).contains("03/1985").doesNotContain("01/03/1985");
    }

    @Test
    void aHolderWithASingleNameIsSealedWithNoGivenNamesAndPrintedWithoutNull() throws Exception {
        CertificateRecord record = record("V-002");
        VerificationReport report = services.verification().verifyPdf(Files.readAllBytes(record.file()));

        assertThat(record.holder().familyName()).isEqualTo("MOHAMMED");
        assertThat(record.holder().givenNames()).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.certificate().orElseThrow().givenNames()).isEmpty();
        assertThat(text(record)).contains("MOHAMMED").doesNotContain("null");
    }

    @Test
    void aQuotedCellKeepsItsSemicolon() throws Exception {
        assertThat(text(record("V-002"))).contains("Direction territoriale de Paris; site Nation");
    }
}
