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

/** `cachet preview`, `cachet types` and `cachet issue --lang en`, through CommandLine.execute. */
class PreviewAndTypesCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);

    static CliRun cachet(String... args) {
        return CliRun.run(Map.of(), CLOCK, args);
    }

    static String text(Path pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(pdf))) {
            PDFTextStripper stripper = new PDFTextStripper();
            // The rotated watermark's glyphs overlap their neighbours' boxes: keep them all.
            stripper.setSuppressDuplicateOverlappingText(false);
            return stripper.getText(document);
        }
    }

    static Path sample(Path folder, String type) throws Exception {
        CliRun run = cachet(
                "types",
                "show",
                type,
                "--sample",
                "--home",
                folder.resolve("none").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.writeString(folder.resolve(type + ".json"), run.out());
    }

    @Test
    void previewWorksWithoutAnyHomeAndDrawsTheEnglishWatermarkWithoutSeal(@TempDir Path folder) throws Exception {
        Path data = sample(folder, "asylum-reception");
        Path out = folder.resolve("specimen.pdf");
        Path noHome = folder.resolve("no-home-here");

        CliRun run = cachet(
                "preview",
                "asylum-reception",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--lang",
                "en",
                "--home",
                noHome.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Specimen of asylum-reception").contains(out.toString());
        assertThat(noHome).doesNotExist();
        String text = text(out);
        assertThat(text.replaceAll("\\s", "")).contains("SPECIMEN—NOTVALID");
        assertThat(text)
                .contains("Certificate of the offer of material reception conditions")
                .contains("HAIDARI")
                .contains("SPECIMEN");
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(out))) {
            assertThat(document.getSignatureDictionaries()).isEmpty();
        }
    }

    @Test
    void previewValidatesLikeIssueAndWritesNothingOnBadData(@TempDir Path folder) throws Exception {
        Path data = Files.writeString(
                folder.resolve("bad.json"), "{\"holder\": {}, \"beneficiaries\": [{\"birthDate\": \"2014\"}]}");
        Path out = folder.resolve("bad.pdf");

        CliRun run = cachet(
                "preview",
                "family-reunification-deposit",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--home",
                folder.resolve("none").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("holder.familyName: required")
                .contains("beneficiaries[0].birthDate: '2014' is not a date")
                .contains("beneficiaries[0].relationship: required");
        assertThat(out).doesNotExist();
    }

    @Test
    void previewNeverOverwritesAFile(@TempDir Path folder) throws Exception {
        Path data = sample(folder, "medical-visit");
        Path out = Files.writeString(folder.resolve("keep.pdf"), "keep me");

        CliRun run = cachet(
                "preview",
                "medical-visit",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--home",
                folder.resolve("none").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("already exists");
        assertThat(Files.readString(out)).isEqualTo("keep me");
    }

    @Test
    void typesListsEverySixTypesWithTheirRules(@TempDir Path folder) {
        CliRun run = cachet("types", "--home", folder.resolve("none").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("visa-validation", "cir", "family-reunification-deposit", "asylum-reception")
                .contains("medical-visit", "appointment")
                .contains("rules: cir-exemption")
                .contains("rules: visa-medical-visit, visa-cir-status");
    }

    @Test
    void typesShowPrintsListItemFieldsAndRuleDescriptions(@TempDir Path folder) {
        CliRun run = cachet(
                "types",
                "show",
                "family-reunification-deposit",
                "--home",
                folder.resolve("none").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("beneficiaries[].birthDate")
                .contains("list")
                .contains("Rules:")
                .contains("family-beneficiaries: at most one spouse");
    }

    @Test
    void issueInEnglishRendersEnglishLabels(@TempDir Path folder) throws Exception {
        Path home = folder.resolve("home");
        assertThat(cachet("init", "--test", "--home", home.toString()).exitCode())
                .isZero();
        Path data = sample(folder, "cir");
        Path out = folder.resolve("cir-en.pdf");

        CliRun run = cachet(
                "issue",
                "cir",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--lang",
                "en",
                "--home",
                home.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(text(out).replaceAll("\\s+", " "))
                .contains("Certificate of signature and follow-up of the Republican Integration Contract")
                .contains("CIVIC TRAINING") // section headings are upper-cased by the template's CSS
                .doesNotContain("FORMATION CIVIQUE");
    }

    @Test
    void helpListsPreview() {
        CliRun run = cachet("--help");

        assertThat(run.out()).containsPattern("(?m)^  preview +\\S");
    }
}
