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

/** Lifecycle, show, search, audit and repair through the command line, on the home's SQLite registry. */
class RegistryCommandsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static Path home;
    private static Path data;
    private static int files;

    static CliRun cachet(String... args) {
        String[] withHome = java.util.Arrays.copyOf(args, args.length + 2);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.toString();
        return CliRun.run(Map.of(), CLOCK, withHome);
    }

    @BeforeAll
    static void init() throws Exception {
        home = folder.resolve("home");
        assertThat(CliRun.run(Map.of(), CLOCK, "init", "--test", "--home", home.toString())
                        .exitCode())
                .isZero();
        data = folder.resolve("visa.json");
        Files.writeString(
                data, cachet("types", "show", "visa-validation", "--sample").out());
    }

    static JsonNode issue() throws Exception {
        Path out = folder.resolve("c" + (++files) + ".pdf");
        CliRun run = cachet("issue", "visa-validation", "--data", data.toString(), "--out", out.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void showPrintsTheRecordAndHistoryAsOneJsonObject() throws Exception {
        JsonNode issued = issue();
        String id = issued.get("id").asText();

        CliRun show = cachet("show", id.toLowerCase().replace("-", ""), "--json");

        assertThat(show.exitCode()).as(show.err()).isZero();
        JsonNode record = JSON.readTree(show.out());
        assertThat(record.get("id").asText()).isEqualTo(id);
        assertThat(record.get("status").asText()).isEqualTo("VALID");
        assertThat(record.get("pdfSha256").asText())
                .isEqualTo(issued.get("sha256").asText());
        assertThat(record.get("history").get(0).get("event").asText()).isEqualTo("ISSUED");
    }

    @Test
    void suspendRevokeAndVerifySeeEachChangeAtOnce() throws Exception {
        JsonNode issued = issue();
        String id = issued.get("id").asText();
        String file = issued.get("file").asText();

        assertThat(cachet("suspend", id, "--reason", "identity check", "--actor", "agent.a")
                        .exitCode())
                .isZero();
        assertThat(cachet("verify", file).exitCode()).isEqualTo(2);
        assertThat(cachet("verify", file).out()).startsWith("SUSPENDED");

        assertThat(cachet("reinstate", id).exitCode()).isZero();
        assertThat(cachet("verify", file).exitCode()).isZero();

        assertThat(cachet("revoke", id, "--reason", "fraud").exitCode()).isZero();
        CliRun verify = cachet("verify", file, "--json");
        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(JSON.readTree(verify.out()).get("verdict").asText()).isEqualTo("REVOKED");
    }

    @Test
    void illegalTransitionsExitOneWithOneClearLine() throws Exception {
        String id = issue().get("id").asText();
        assertThat(cachet("revoke", id, "--reason", "error").exitCode()).isZero();

        CliRun twice = cachet("revoke", id, "--reason", "again");
        CliRun reinstate = cachet("reinstate", id);

        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.err())
                .isEqualTo("cachet: certificate " + id + " is revoked: a revoked certificate cannot be revoked"
                        + System.lineSeparator());
        assertThat(reinstate.exitCode()).isEqualTo(1);
        assertThat(reinstate.err()).contains("a revoked certificate cannot be reinstated");
    }

    @Test
    void aMistypedIdIsDetectedByItsCheckCharacter() throws Exception {
        String id = issue().get("id").asText();
        char wrong = id.charAt(0) == '7' ? '8' : '7';
        String mistyped = wrong + id.substring(1);

        CliRun show = cachet("show", mistyped);

        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err()).contains("not a certificate id").contains("check character");
    }

    @Test
    void reissueSupersedesTheOldCertificate() throws Exception {
        JsonNode old = issue();
        Path out = folder.resolve("corrected.pdf");

        CliRun reissue =
                cachet("reissue", old.get("id").asText(), "--data", data.toString(), "--out", out.toString(), "--json");

        assertThat(reissue.exitCode()).as(reissue.err()).isZero();
        String newId = JSON.readTree(reissue.out()).get("id").asText();
        CliRun verifyOld = cachet("verify", old.get("file").asText(), "--json");
        assertThat(verifyOld.exitCode()).isEqualTo(2);
        assertThat(JSON.readTree(verifyOld.out()).get("reasons").get(0).asText())
                .isEqualTo("CERTIFICATE_SUPERSEDED");
        assertThat(JSON.readTree(
                                cachet("show", old.get("id").asText(), "--json").out())
                        .get("supersededBy")
                        .asText())
                .isEqualTo(newId);
        assertThat(cachet("verify", out.toString()).exitCode()).isZero();
    }

    @Test
    void searchFindsByNameAndBirthDate() throws Exception {
        String id = issue().get("id").asText();

        CliRun search = cachet("search", "--name", "amrani", "--birth-date", "1994-07-21", "--json");

        assertThat(search.exitCode()).as(search.err()).isZero();
        assertThat(JSON.readTree(search.out()).get("results").findValuesAsText("id"))
                .contains(id);
    }

    @Test
    void searchTakesPercentAndUnderscoreLiterally() throws Exception {
        issue();

        CliRun percent = cachet("search", "--name", "%", "--json");
        CliRun underscore = cachet("search", "--name", "_");

        assertThat(percent.exitCode()).isEqualTo(64);
        assertThat(percent.err()).contains("no Latin letter or digit to search for");
        assertThat(percent.out()).isEmpty();
        assertThat(underscore.exitCode()).isEqualTo(64);
    }

    @Test
    void auditVerifyReportsAnIntactChain() throws Exception {
        issue();

        CliRun audit = cachet("audit", "verify", "--json");

        assertThat(audit.exitCode()).as(audit.err()).isZero();
        assertThat(JSON.readTree(audit.out()).get("intact").asBoolean()).isTrue();
    }

    @Test
    void statusListExportWritesASignedListWithTheRevokedBitSet() throws Exception {
        String id = issue().get("id").asText();
        assertThat(cachet("revoke", id, "--reason", "fraud").exitCode()).isZero();
        long index = JSON.readTree(cachet("show", id, "--json").out())
                .get("statusIndex")
                .asLong();
        Path out = folder.resolve("status-list.cwt");

        CliRun export = cachet("status-list", "export", "--out", out.toString(), "--json");

        assertThat(export.exitCode()).as(export.err()).isZero();
        java.security.PublicKey key;
        try (var files = Files.list(home.resolve("trust/signers"))) {
            key = io.cachet.core.keys.Pem.readCertificates(files.findFirst().orElseThrow())
                    .get(0)
                    .getPublicKey();
        }
        var list = io.cachet.core.status.StatusListReader.read(Files.readAllBytes(out), key);
        assertThat(list.status(index)).isEqualTo(1);
        assertThat(list.uri()).isEqualTo(JSON.readTree(export.out()).get("uri").asText());
    }

    @Test
    void repairWithNothingInterruptedSaysSo() {
        CliRun repair = cachet("registry", "repair");

        assertThat(repair.exitCode()).as(repair.err()).isZero();
        assertThat(repair.out()).contains("Nothing to repair");
    }
}
