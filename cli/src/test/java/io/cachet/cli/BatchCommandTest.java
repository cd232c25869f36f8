package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cachet batch` in process: validation before issuing, skip-invalid, JSON Lines, the manifest. */
class BatchCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static Path home;
    private static String sample;

    static CliRun cachet(String... args) {
        String[] withHome = java.util.Arrays.copyOf(args, args.length + 2);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.toString();
        return CliRun.run(Map.of(), CLOCK, withHome);
    }

    @BeforeAll
    static void init() {
        home = folder.resolve("home");
        assertThat(CliRun.run(Map.of(), CLOCK, "init", "--test", "--home", home.toString())
                        .exitCode())
                .isZero();
        sample = cachet("types", "show", "visa-validation", "--sample").out().strip();
    }

    @Test
    void everyBadRowIsReportedWithLineAndFieldAndNothingIsIssued() throws Exception {
        String good = BatchCrashContract.csvOf(sample).lines().limit(3).reduce("", (a, b) -> a + b + "\n");
        String header = good.lines().findFirst().orElseThrow();
        int birthDate = java.util.Arrays.asList(header.split(",")).indexOf("holder.birthDate");
        String[] bad = good.lines().skip(2).findFirst().orElseThrow().split(",", -1);
        bad[0] = "BAD";
        bad[birthDate] = "\"31/02/1994\"";
        Path csv = folder.resolve("bad.csv");
        Files.writeString(csv, good + String.join(",", bad) + "\nR9,too,few\n");
        Path out = folder.resolve("bad-out");

        CliRun run = cachet("batch", "visa-validation", "--input", csv.toString(), "--out-dir", out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("nothing was issued")
                .contains("line 4: holder.birthDate: ")
                .contains("line 5: -: 3 cells");
        assertThat(out).doesNotExist();
    }

    @Test
    void skipInvalidIssuesTheValidRowsOfAJsonLinesFileAndWritesTheManifest() throws Exception {
        Path jsonl = folder.resolve("rows.jsonl");
        JsonNode row = JSON.readTree(sample);
        ((com.fasterxml.jackson.databind.node.ObjectNode) row).put("ref", "A-1");
        Files.writeString(jsonl, row + "\n{\"ref\": \"A-2\"}\nnot json\n");
        Path out = folder.resolve("jsonl-out");

        CliRun run = cachet(
                "batch",
                "visa-validation",
                "--input",
                jsonl.toString(),
                "--out-dir",
                out.toString(),
                "--skip-invalid",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("issued").asInt()).isEqualTo(1);
        assertThat(summary.get("invalid").asInt()).isEqualTo(2);
        JsonNode manifest =
                JSON.readTree(Files.readAllLines(out.resolve("manifest.jsonl")).get(0));
        assertThat(manifest.get("ref").asText()).isEqualTo("A-1");
        assertThat(Path.of(manifest.get("file").asText())).exists();
        assertThat(cachet("verify", manifest.get("file").asText()).exitCode()).isZero();
    }

    @Test
    void aFrenchSpreadsheetCsvIsIssuedAndItsHoldersAreFoundByName() throws Exception {
        Path csv = folder.resolve("export-excel.csv");
        String rows = String.join(
                "\r\n",
                "ref;holder.familyName;holder.givenNames;holder.birthDate;holder.birthPlace;holder.nationality;"
                        + "holder.sex;passportNumber;visaNumber;visaCategory;entryDate;medicalVisitDate;validationDate;"
                        + "directorate;cirStatus;cirExemptionReason",
                "FR-1;N'DIAYE;Amadou;1990;Dakar (Sénégal);sénégalaise;M;A1234567;FRA3019285;salarié;02/09/2026;"
                        + "14/10/2026;14/10/2026;Direction territoriale de Paris;signé;",
                "FR-2;MOHAMMED;;03/1985;Kaboul;afghane;M;P7654321;FRA3019286;salarié;01/09/2026;15/10/2026;"
                        + "15/10/2026;Direction territoriale de Paris;signé;",
                ";;;;;;;;;;;;;;;",
                "");
        // Real Windows-1252 bytes, as the spreadsheet saves them: é is 0xE9.
        Files.write(csv, rows.getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Path out = folder.resolve("excel-out");

        CliRun run =
                cachet("batch", "visa-validation", "--input", csv.toString(), "--out-dir", out.toString(), "--json");
        CliRun search = cachet("search", "--name", "ndiaye");
        CliRun singleName = cachet("search", "--name", "mohammed", "--birth-date", "03/1985");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("issued").asInt()).isEqualTo(2);
        assertThat(search.exitCode()).as(search.err()).isZero();
        assertThat(search.out()).contains("N'DIAYE, Amadou (born 1990)");
        assertThat(singleName.out()).contains("MOHAMMED (born 1985-03)").doesNotContain("MOHAMMED,");
    }

    @Test
    void aForcedEncodingThatDoesNotFitIsAClearErrorAndNothingIsIssued() throws Exception {
        Path csv = folder.resolve("latin.csv");
        Files.write(
                csv,
                "holder.familyName;holder.givenNames\r\nDUPONT;Hélène\r\n"
                        .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Path out = folder.resolve("latin-out");

        CliRun run = cachet(
                "batch",
                "visa-validation",
                "--input",
                csv.toString(),
                "--encoding",
                "utf-8",
                "--out-dir",
                out.toString());
        CliRun unknown = cachet(
                "batch",
                "visa-validation",
                "--input",
                csv.toString(),
                "--encoding",
                "klingon",
                "--out-dir",
                out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("is not UTF-8 text: line 2 holds the byte 0xE9")
                .doesNotContain("Input length");
        assertThat(unknown.exitCode()).isEqualTo(64);
        assertThat(unknown.err()).contains("unknown encoding 'klingon'");
        assertThat(out).doesNotExist();
    }
}
