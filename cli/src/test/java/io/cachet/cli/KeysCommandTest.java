package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.home.CachetHome;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.seal.Holder;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealSigner;
import io.cachet.core.services.CachetServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offices, rotation, revocation with --since, the CRL and the signed trust list, through the CLI. */
class KeysCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Path home;
    private Path data;

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private CliRun cachet(Clock clock, String... args) {
        String[] withHome = java.util.Arrays.copyOf(args, args.length + 2);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.toString();
        return CliRun.run(Map.of(), clock, withHome);
    }

    private void init() throws Exception {
        home = folder.resolve("home");
        assertThat(CliRun.run(Map.of(), at("2026-01-01T00:00:00Z"), "init", "--test", "--home", home.toString())
                        .exitCode())
                .isZero();
        data = folder.resolve("data.json");
        Files.writeString(
                data,
                cachet(at("2026-01-01T00:00:00Z"), "types", "show", "visa-validation", "--sample")
                        .out());
    }

    private JsonNode issue(Clock clock, String name, String... extra) throws Exception {
        String[] args = {
            "issue",
            "visa-validation",
            "--data",
            data.toString(),
            "--out",
            folder.resolve(name).toString(),
            "--json"
        };
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        CliRun run = cachet(clock, all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private JsonNode keys() throws Exception {
        return JSON.readTree(cachet(at("2026-06-01T00:00:00Z"), "keys", "list", "--json")
                        .out())
                .get("keys");
    }

    @Test
    void rotationGivesANewKeyAndTheOldOneKeepsVerifying() throws Exception {
        init();
        JsonNode before = issue(at("2026-02-01T00:00:00Z"), "before.pdf");

        CliRun rotate = cachet(at("2026-03-01T00:00:00Z"), "keys", "rotate", "PAR");
        JsonNode after = issue(at("2026-03-02T00:00:00Z"), "after.pdf");

        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        JsonNode keys = keys();
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).get("state").asText()).isEqualTo("RETIRED");
        assertThat(keys.get(1).get("state").asText()).isEqualTo("ACTIVE");
        for (JsonNode issued : new JsonNode[] {before, after}) {
            assertThat(cachet(
                                    at("2026-04-01T00:00:00Z"),
                                    "verify",
                                    issued.get("file").asText())
                            .exitCode())
                    .isZero();
        }
        assertThat(before.get("seal").asText()).isNotEqualTo(after.get("seal").asText());
    }

    @Test
    void revokingWithSinceVoidsOnlyWhatWasSignedFromThen() throws Exception {
        init();
        JsonNode early = issue(at("2026-02-01T00:00:00Z"), "early.pdf");
        JsonNode late = issue(at("2026-02-20T00:00:00Z"), "late.pdf");
        String kid = keys().get(0).get("kid").asText();

        CliRun revoke = cachet(
                at("2026-03-01T00:00:00Z"),
                "keys",
                "revoke",
                kid,
                "--reason",
                "compromise",
                "--since",
                "2026-02-10T00:00:00Z");

        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        CliRun earlyCheck =
                cachet(at("2026-03-02T00:00:00Z"), "verify", early.get("file").asText());
        CliRun lateCheck =
                cachet(at("2026-03-02T00:00:00Z"), "verify", late.get("file").asText(), "--json");
        assertThat(earlyCheck.exitCode()).as(earlyCheck.out()).isZero();
        assertThat(lateCheck.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(lateCheck.out()).get("reasons").toString()).contains("KEY_REVOKED");
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(Files.newInputStream(home.resolve("trust/root.crl")));
        assertThat(crl.getRevokedCertificates()).hasSize(1);
        assertThat(cachet(
                                at("2026-03-03T00:00:00Z"),
                                "issue",
                                "visa-validation",
                                "--data",
                                data.toString(),
                                "--out",
                                folder.resolve("refused.pdf").toString())
                        .err())
                .contains("revoked")
                .contains("keys rotate");
    }

    @Test
    void aBackdatedSealOfARevokedKeyIsKeyRevokedForAVerifierWithOnlyTheTrustList() throws Exception {
        init();
        JsonNode early = issue(at("2026-02-01T00:00:00Z"), "early.pdf");
        String kid = keys().get(0).get("kid").asText();
        SignerKey stolen = new CachetServices(
                        new CachetHome(home), Optional.empty(), Map.of(), at("2026-02-01T00:00:00Z"))
                .keys()
                .activeSigner("PAR");
        assertThat(cachet(
                                at("2026-03-01T00:00:00Z"),
                                "keys",
                                "revoke",
                                kid,
                                "--reason",
                                "compromise",
                                "--since",
                                "2026-02-10T00:00:00Z")
                        .exitCode())
                .isZero();
        // Signed with the stolen key after the revocation, dated before it.
        String backdated = new SealSigner(stolen)
                .sign(new SealClaims(
                        "PAR",
                        "7K2M-9QXH-4TWD-R8NB-5",
                        "visa-validation",
                        Instant.parse("2026-02-05T00:00:00Z"),
                        Optional.of(Instant.parse("2027-02-05T00:00:00Z")),
                        new Holder("FORGED", "Mallory", "1980-01-01"),
                        Map.of("vn", "FRA0000001", "vc", "salarié", "vd", "2026-01-14")));
        Path root = folder.resolve("root.pem");
        Path list = folder.resolve("trust-list.jws");
        cachet(at("2026-03-01T00:00:00Z"), "keys", "export-root", "--out", root.toString());
        cachet(at("2026-03-01T00:00:00Z"), "trust-list", "export", "--out", list.toString(), "--valid-for", "P7D");
        Path noHome = folder.resolve("no-home");

        CliRun forged = CliRun.run(
                Map.of(),
                at("2026-03-02T00:00:00Z"),
                "verify",
                "--code",
                backdated,
                "--json",
                "--trust-list",
                list.toString(),
                "--root",
                root.toString(),
                "--home",
                noHome.toString());
        CliRun genuineCode = CliRun.run(
                Map.of(),
                at("2026-03-02T00:00:00Z"),
                "verify",
                "--code",
                early.get("seal").asText(),
                "--json",
                "--trust-list",
                list.toString(),
                "--root",
                root.toString(),
                "--home",
                noHome.toString());
        CliRun genuinePdf = CliRun.run(
                Map.of(),
                at("2026-03-02T00:00:00Z"),
                "verify",
                early.get("file").asText(),
                "--trust-list",
                list.toString(),
                "--root",
                root.toString(),
                "--home",
                noHome.toString());
        CliRun genuineCodeWithRegistry = cachet(
                at("2026-03-02T00:00:00Z"),
                "verify",
                "--code",
                early.get("seal").asText());

        assertThat(forged.exitCode()).as(forged.out() + forged.err()).isEqualTo(1);
        assertThat(JSON.readTree(forged.out()).get("reasons").toString()).isEqualTo("[\"KEY_REVOKED\"]");
        // Deliberate: nothing but the seal speaks for it, and the seal's own issue time proves nothing.
        assertThat(genuineCode.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(genuineCode.out()).get("reasons").toString()).contains("KEY_REVOKED");
        // The PDF's timestamp spares it from the key's revocation: authentic. With trust material only, its status
        // was not checked (exit 3), never VALID.
        assertThat(genuinePdf.exitCode())
                .as(genuinePdf.out() + genuinePdf.err())
                .isEqualTo(3);
        assertThat(genuinePdf.out()).startsWith("UNREADABLE [STATUS_NOT_CHECKED]");
        assertThat(genuineCodeWithRegistry.exitCode())
                .as(genuineCodeWithRegistry.out() + genuineCodeWithRegistry.err())
                .isZero();
    }

    @Test
    void revokingTwiceOrWithABadReasonIsRefused() throws Exception {
        init();
        String kid = keys().get(0).get("kid").asText();
        assertThat(cachet(
                                at("2026-03-01T00:00:00Z"),
                                "keys",
                                "revoke",
                                kid,
                                "--reason",
                                "lost",
                                "--since",
                                "2026-02-10T00:00:00Z")
                        .exitCode())
                .isEqualTo(64);
        assertThat(cachet(
                                at("2026-03-01T00:00:00Z"),
                                "keys",
                                "revoke",
                                kid,
                                "--reason",
                                "superseded",
                                "--since",
                                "2026-02-10T00:00:00Z")
                        .exitCode())
                .isZero();
        CliRun again = cachet(
                at("2026-03-01T00:00:00Z"),
                "keys",
                "revoke",
                kid,
                "--reason",
                "superseded",
                "--since",
                "2026-02-10T00:00:00Z");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already revoked");
    }

    @Test
    void anotherOfficeIssuesWithItsOwnKey() throws Exception {
        init();
        CliRun add = cachet(
                at("2026-02-01T00:00:00Z"), "keys", "add-office", "LYO", "--name", "Direction territoriale de Lyon");
        JsonNode issued = issue(at("2026-02-02T00:00:00Z"), "lyon.pdf", "--office", "LYO");

        assertThat(add.exitCode()).as(add.err()).isZero();
        CliRun verify =
                cachet(at("2026-02-03T00:00:00Z"), "verify", issued.get("file").asText(), "--json");
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(JSON.readTree(verify.out()).get("certificate").get("issuer").asText())
                .isEqualTo("LYO");
        assertThat(cachet(at("2026-02-03T00:00:00Z"), "keys", "add-office", "LYO", "--name", "Lyon")
                        .exitCode())
                .isEqualTo(1);
    }

    @Test
    void aVerifierWithOnlyTheRootAndTheSignedTrustListVerifies() throws Exception {
        init();
        JsonNode issued = issue(at("2026-02-01T00:00:00Z"), "c.pdf");
        Path root = folder.resolve("root.pem");
        Path list = folder.resolve("trust-list.jws");
        assertThat(cachet(at("2026-02-01T00:00:00Z"), "keys", "export-root", "--out", root.toString())
                        .exitCode())
                .isZero();
        assertThat(cachet(
                                at("2026-02-01T00:00:00Z"),
                                "trust-list",
                                "export",
                                "--out",
                                list.toString(),
                                "--valid-for",
                                "P7D")
                        .exitCode())
                .isZero();

        CliRun verify = CliRun.run(
                Map.of(),
                at("2026-02-03T00:00:00Z"),
                "verify",
                issued.get("file").asText(),
                "--trust-list",
                list.toString(),
                "--root",
                root.toString(),
                "--home",
                folder.resolve("no-home").toString());

        // Authentic by the trust list alone; without the registry its status was not checked: exit 3, never VALID.
        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(3);
        assertThat(verify.out()).startsWith("UNREADABLE [STATUS_NOT_CHECKED]");
        assertThat(verify.err()).contains("Trust list #1").contains("48 h old");
    }

    @Test
    void aTamperedExpiredOrForeignTrustListIsRefused() throws Exception {
        init();
        JsonNode issued = issue(at("2026-02-01T00:00:00Z"), "c.pdf");
        Path root = folder.resolve("root.pem");
        Path list = folder.resolve("trust-list.jws");
        cachet(at("2026-02-01T00:00:00Z"), "keys", "export-root", "--out", root.toString());
        cachet(at("2026-02-01T00:00:00Z"), "trust-list", "export", "--out", list.toString(), "--valid-for", "P7D");
        String file = issued.get("file").asText();

        String text = Files.readString(list);
        int middle = text.indexOf('.') + 20;
        Path tampered = folder.resolve("tampered.jws");
        Files.writeString(
                tampered,
                text.substring(0, middle) + (text.charAt(middle) == 'A' ? 'B' : 'A') + text.substring(middle + 1));
        CliRun tamperedRun = CliRun.run(
                Map.of(),
                at("2026-02-03T00:00:00Z"),
                "verify",
                file,
                "--trust-list",
                tampered.toString(),
                "--root",
                root.toString());
        assertThat(tamperedRun.exitCode()).isEqualTo(1);

        CliRun expiredRun = CliRun.run(
                Map.of(),
                at("2026-03-01T00:00:00Z"),
                "verify",
                file,
                "--trust-list",
                list.toString(),
                "--root",
                root.toString());
        assertThat(expiredRun.exitCode()).isEqualTo(1);
        assertThat(expiredRun.err()).contains("expired");

        Path otherHome = folder.resolve("other");
        CliRun.run(Map.of(), at("2026-01-01T00:00:00Z"), "init", "--test", "--home", otherHome.toString());
        CliRun foreign = CliRun.run(
                Map.of(),
                at("2026-02-03T00:00:00Z"),
                "verify",
                file,
                "--trust-list",
                list.toString(),
                "--root",
                otherHome.resolve("trust/root.pem").toString());
        assertThat(foreign.exitCode()).isEqualTo(1);
        assertThat(foreign.err()).contains("does not verify against the pinned root");
    }
}
