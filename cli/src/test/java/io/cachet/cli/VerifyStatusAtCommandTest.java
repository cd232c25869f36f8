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
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cachet verify --status-at}: a certificate issued on 10 January and revoked on 12 January 2026 was valid on
 * the 11th and revoked on the 13th; the text, the JSON and the signed report say when and why; a date in the future
 * or not a date is a usage error; without the registry the answer is UNREADABLE.
 */
class VerifyStatusAtCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock ISSUED = at("2026-01-10T09:00:00Z");
    private static final Clock REVOKED = at("2026-01-12T15:30:00Z");
    private static final Clock NOW = at("2026-01-20T08:00:00Z");

    @TempDir
    static Path folder;

    private static Path home;
    private static JsonNode issued;

    @BeforeAll
    static void issueOnTheTenthAndRevokeOnTheTwelfth() throws Exception {
        home = folder.resolve("home");
        CliRun init = run(ISSUED, "init", "--test", "--home", home.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        Path data = folder.resolve("visa.json");
        Files.writeString(
                data,
                run(ISSUED, "types", "show", "visa-validation", "--sample", "--home", home.toString())
                        .out());
        CliRun issue = run(
                ISSUED,
                "issue",
                "visa-validation",
                "--data",
                data.toString(),
                "--out",
                folder.resolve("visa.pdf").toString(),
                "--json",
                "--home",
                home.toString());
        assertThat(issue.exitCode()).as(issue.err()).isZero();
        issued = JSON.readTree(issue.out());
        CliRun revoke = run(
                REVOKED,
                "revoke",
                issued.get("id").asText(),
                "--reason",
                "fraude documentaire",
                "--home",
                home.toString());
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
    }

    @Test
    void theDayBeforeTheRevocationTheCertificateWasValid() {
        CliRun run = verify("2026-01-11");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .startsWith("VALID")
                .contains("status at:   2026-01-11T22:59:59.999Z")
                .contains("status:      VALID at 2026-01-11T22:59:59.999Z")
                .contains("ok   status-at.status: VALID at 2026-01-11T22:59:59.999Z");
    }

    @Test
    void theDayAfterItWasRevokedAndTheJsonSaysWhenAndWhy() throws Exception {
        CliRun run = verify("2026-01-13T10:00:00+01:00", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("verdict").asText()).isEqualTo("REVOKED");
        assertThat(report.get("statusAt").asText()).isEqualTo("2026-01-13T09:00:00Z");
        JsonNode status = report.get("status");
        assertThat(status.get("status").asText()).isEqualTo("REVOKED");
        assertThat(status.get("events")).hasSize(2);
        assertThat(status.get("events").get(1).get("kind").asText()).isEqualTo("REVOKED");
        assertThat(status.get("events").get(1).get("at").asText()).isEqualTo("2026-01-12T15:30:00Z");
        assertThat(status.get("events").get(1).get("reason").asText()).isEqualTo("fraude documentaire");
    }

    @Test
    void withoutStatusAtTheRevokedCertificateSaysWhenAndWhyToo() {
        CliRun run = run(NOW, "verify", "--code", issued.get("seal").asText(), "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out())
                .startsWith("REVOKED")
                .contains("REVOKED at 2026-01-12T15:30:00Z, reason: fraude documentaire")
                .doesNotContain("status at:");
    }

    @Test
    void beforeItsIssueItWasNotValid() {
        CliRun run = verify("2026-01-09");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).startsWith("NOT_YET_ISSUED [NOT_YET_ISSUED]");
    }

    @Test
    void aDateInTheFutureOrNotADateIsAUsageError() {
        CliRun future = verify("2026-01-21");
        CliRun local = verify("2026-01-11T10:00:00");

        assertThat(future.exitCode()).isEqualTo(64);
        assertThat(future.err()).contains("in the future");
        assertThat(local.exitCode()).isEqualTo(64);
        assertThat(local.err()).contains("the status-at date must be");
        assertThat(future.out()).isEmpty();
    }

    @Test
    void theSignedReportSaysTheDateAskedAndTheRevocation() throws Exception {
        Path out = folder.resolve("rapport.pdf");

        CliRun run = run(
                NOW,
                "verify",
                folder.resolve("visa.pdf").toString(),
                "--status-at",
                "2026-01-13",
                "--report",
                out.toString(),
                "--home",
                home.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        String text;
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(out))) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
        assertThat(text)
                .contains("Statut demandé à la date du 2026-01-13 22:59:59 UTC")
                .contains("Révoqué le 2026-01-12 15:30:00 UTC")
                .contains("fraude documentaire");
    }

    @Test
    void withoutTheRegistryTheStatusAtADateIsUnreadable() throws Exception {
        Path trustOnly = folder.resolve("trust-only");
        copyWithoutRegistry(home, trustOnly);

        CliRun run = run(
                NOW,
                "verify",
                "--code",
                issued.get("seal").asText(),
                "--status-at",
                "2026-01-11",
                "--home",
                trustOnly.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).startsWith("UNREADABLE [STATUS_AT_UNAVAILABLE]");
    }

    private static CliRun verify(String statusAt, String... more) {
        String[] args = Stream.concat(
                        Stream.of(
                                "verify",
                                "--code",
                                issued.get("seal").asText(),
                                "--status-at",
                                statusAt,
                                "--home",
                                home.toString()),
                        Stream.of(more))
                .toArray(String[]::new);
        return run(NOW, args);
    }

    private static CliRun run(Clock clock, String... args) {
        return CliRun.run(Map.of(), clock, args);
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static void copyWithoutRegistry(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().startsWith("registry.db")) {
                    Files.copy(source, target);
                }
            }
        }
    }
}
