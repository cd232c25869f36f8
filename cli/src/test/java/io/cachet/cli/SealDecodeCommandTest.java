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

class SealDecodeCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static Path home;
    private static String seal;
    private static Path signerPem;

    @BeforeAll
    static void issue() throws Exception {
        home = folder.resolve("home");
        CliRun.run(Map.of(), CLOCK, "init", "--test", "--home", home.toString());
        Path data = folder.resolve("data.json");
        Files.writeString(
                data,
                CliRun.run(Map.of(), CLOCK, "types", "show", "visa-validation", "--sample", "--home", home.toString())
                        .out());
        CliRun issue = CliRun.run(
                Map.of(),
                CLOCK,
                "issue",
                "visa-validation",
                "--data",
                data.toString(),
                "--out",
                folder.resolve("c.pdf").toString(),
                "--json",
                "--home",
                home.toString());
        seal = JSON.readTree(issue.out()).get("seal").asText();
        try (var signers = Files.list(home.resolve("trust/signers"))) {
            signerPem = signers.findFirst().orElseThrow();
        }
    }

    @Test
    void decodesAndVerifiesWithTheGivenCertificateAndTime() throws Exception {
        CliRun run = CliRun.run(
                Map.of(),
                CLOCK,
                "seal",
                "decode",
                "--code",
                seal,
                "--trust",
                signerPem.toString(),
                "--at",
                "2026-12-01T00:00:00Z",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("verified").asBoolean()).isTrue();
        assertThat(result.get("layers").get("prefix").asText()).isEqualTo("CT1:");
        assertThat(result.get("protectedHeader").get("1").asInt()).isEqualTo(-7);
        assertThat(result.get("claims").get("-65537").get("4").asText()).isEqualTo("EL AMRANI");
    }

    @Test
    void usesTheHomeTrustStoreWithoutTrustOption() {
        CliRun run = CliRun.run(Map.of(), CLOCK, "seal", "decode", "--code", seal, "--home", home.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("VERIFIED");
    }

    @Test
    void aTimeAfterExpiryDoesNotVerify() {
        CliRun run = CliRun.run(
                Map.of(),
                CLOCK,
                "seal",
                "decode",
                "--code",
                seal,
                "--trust",
                signerPem.toString(),
                "--at",
                "2028-01-01T00:00:00Z");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("EXPIRED");
    }

    @Test
    void anotherPrefixIsRejectedWithItsReason() throws Exception {
        CliRun run = CliRun.run(
                Map.of(),
                CLOCK,
                "seal",
                "decode",
                "--code",
                seal,
                "--trust",
                signerPem.toString(),
                "--prefix",
                "HC1",
                "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(run.out()).get("reason").asText()).isEqualTo("CODE_PREFIX_UNKNOWN");
    }

    @Test
    void aBadTimeIsAUsageError() {
        CliRun run = CliRun.run(
                Map.of(),
                CLOCK,
                "seal",
                "decode",
                "--code",
                seal,
                "--trust",
                signerPem.toString(),
                "--at",
                "yesterday");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--at");
    }
}
