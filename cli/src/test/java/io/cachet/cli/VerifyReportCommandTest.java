package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyReportCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void verifyWritesASignedReportPdfInFrenchOrEnglish(@TempDir Path folder) throws Exception {
        String home = folder.resolve("home").toString();
        CliRun.run(Map.of(), CLOCK, "init", "--test", "--home", home);
        Path data = folder.resolve("data.json");
        Files.writeString(
                data,
                CliRun.run(Map.of(), CLOCK, "types", "show", "visa-validation", "--sample", "--home", home)
                        .out());
        Path pdf = folder.resolve("c.pdf");
        CliRun.run(
                Map.of(),
                CLOCK,
                "issue",
                "visa-validation",
                "--data",
                data.toString(),
                "--out",
                pdf.toString(),
                "--home",
                home);

        CliRun french = CliRun.run(
                Map.of(),
                CLOCK,
                "verify",
                pdf.toString(),
                "--report",
                folder.resolve("r.pdf").toString(),
                "--home",
                home);
        CliRun english = CliRun.run(
                Map.of(),
                CLOCK,
                "verify",
                pdf.toString(),
                "--report",
                folder.resolve("r-en.pdf").toString(),
                "--lang",
                "en",
                "--home",
                home);

        assertThat(french.exitCode()).as(french.err()).isZero();
        assertThat(english.exitCode()).as(english.err()).isZero();
        assertThat(french.err()).contains("r.pdf");
        assertThat(text(folder.resolve("r.pdf")))
                .contains("Rapport de vérification")
                .contains("VALIDE");
        assertThat(text(folder.resolve("r-en.pdf")))
                .contains("Verification report")
                .contains("VALID");
        assertThat(Files.readString(folder.resolve("r.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("/ETSI.CAdES.detached");
    }

    @Test
    void anExistingReportFileIsNeverOverwritten(@TempDir Path folder) throws Exception {
        String home = folder.resolve("home").toString();
        CliRun.run(Map.of(), CLOCK, "init", "--test", "--home", home);
        Path report = folder.resolve("r.pdf");
        Files.writeString(report, "keep me");

        CliRun run = CliRun.run(
                Map.of(), CLOCK, "verify", "--code", "HC1:XYZ", "--report", report.toString(), "--home", home);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("already exists");
        assertThat(Files.readString(report)).isEqualTo("keep me");
    }

    private static String text(Path pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document);
        }
    }
}
