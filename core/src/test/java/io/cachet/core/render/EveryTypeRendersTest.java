package io.cachet.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.QrCodes;
import io.cachet.core.services.CachetServices;
import io.cachet.core.types.CertificateType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * Every bundled type, from its sample: issued (sealed, signed) and previewed (specimen), in French and English;
 * each PDF passes veraPDF as PDF/A-3b, and the QR of each issued page decodes to a valid seal.
 */
class EveryTypeRendersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    static CachetServices services;

    @BeforeAll
    static void home() {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
    }

    static Stream<String> types() {
        return TestHomes.bundledTypeIds().stream();
    }

    @Test
    void theSixTypesAreBundled() {
        assertThat(TestHomes.bundledTypeIds())
                .containsExactlyInAnyOrder(
                        "visa-validation",
                        "cir",
                        "family-reunification-deposit",
                        "asylum-reception",
                        "medical-visit",
                        "appointment");
    }

    @ParameterizedTest
    @MethodSource("types")
    void issuedSampleIsValidPdfAWithADecodableSealWithinQrVersion15(String type) throws Exception {
        Path out = folder.resolve(type + ".pdf");
        IssuedCertificate issued =
                services.issuance().issue(type, TestHomes.sample(services, type), out, Locale.FRENCH);
        byte[] pdf = Files.readAllBytes(out);

        VerificationReport report = services.verification().verifyPdf(pdf);
        int version = QrCodes.version(issued.seal());

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
        assertThat(version)
                .as(
                        "QR version of the %s seal (%d chars, %d bytes UTF-8)",
                        type, issued.seal().length(), issued.seal().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(15);
        assertThat(PdfA.failures(pdf, PDFAFlavour.PDFA_3_A))
                .as("veraPDF PDF/A-3a on signed " + type)
                .isEmpty();
        assertThat(PdfA.failures(pdf, PDFAFlavour.PDFUA_1))
                .as("veraPDF PDF/UA-1 on signed " + type)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("types")
    void specimenOfTheSampleIsValidPdfAWithTheWatermarkInBothLanguages(String type) throws Exception {
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            byte[] pdf = services.preview().preview(type, TestHomes.sample(services, type), locale);
            assertThat(PdfA.failures(pdf, PDFAFlavour.PDFA_3_A))
                    .as("veraPDF PDF/A-3a on specimen " + type + " " + locale)
                    .isEmpty();
            assertThat(PdfA.failures(pdf, PDFAFlavour.PDFUA_1))
                    .as("veraPDF PDF/UA-1 on specimen " + type + " " + locale)
                    .isEmpty();
            // The watermark is rotated, so text extraction splits it: compare without white space.
            assertThat(text(pdf).replaceAll("\\s", ""))
                    .contains(locale.equals(Locale.FRENCH) ? "SPÉCIMEN—NONVALABLE" : "SPECIMEN—NOTVALID")
                    .doesNotContain("??");
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyTypeHasAnEnglishBundleWithTheSameKeysAsTheFrenchOne(String type) {
        CertificateType certificateType = services.catalog().get(type);

        assertThat(certificateType.messages(Locale.ENGLISH).stringPropertyNames())
                .isEqualTo(certificateType.messages(Locale.FRENCH).stringPropertyNames());
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            // The rotated watermark's glyphs overlap their neighbours' boxes: keep them all.
            stripper.setSuppressDuplicateOverlappingText(false);
            return stripper.getText(document);
        }
    }
}
