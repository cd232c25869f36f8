package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A production home is refused until it names its public verifier and its timestamp authority with that
 * authority's anchor; `keys trust-tsa` adds anchors, refusing certificates that cannot be one.
 */
class ProductionInitCommandTest {
    private static final Map<String, String> PASSPHRASE = Map.of("CACHET_KEYSTORE_PASSWORD", "a long test passphrase");

    @TempDir
    Path folder;

    @Test
    void aProductionInitWithoutVerifierOrTimestampAuthorityIsRefusedNamingWhatIsMissing() {
        Path home = folder.resolve("home");

        CliRun run = CliRun.run(PASSPHRASE, Clock.systemUTC(), "init", "--home", home.toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--verifier-url").contains("--tsa-url").contains("--test");
        assertThat(home.resolve("cachet.properties")).doesNotExist();
    }

    @Test
    void aPlainHttpVerifierAddressOrATsaWithoutItsAnchorIsRefused() {
        CliRun run = CliRun.run(
                PASSPHRASE,
                Clock.systemUTC(),
                "init",
                "--home",
                folder.resolve("home").toString(),
                "--verifier-url",
                "http://verifier.example.fr",
                "--tsa-url",
                "https://tsa.example.fr/tsr");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("https address").contains("--tsa-trust");
    }

    @Test
    void aProductionHomeRecordsItsAuthorityAndAnchorAndNeverIssuesWithoutATimestamp() throws Exception {
        Path anchorSource = developmentHome("source").resolve("trust/root.pem");
        Path home = folder.resolve("home");

        CliRun init = CliRun.run(
                PASSPHRASE,
                Clock.systemUTC(),
                "init",
                "--home",
                home.toString(),
                "--verifier-url",
                "https://verifier.example.fr",
                "--tsa-url",
                "http://127.0.0.1:9/tsr",
                "--tsa-trust",
                anchorSource.toString());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("https://verifier.example.fr").contains("http://127.0.0.1:9/tsr");
        assertThat(Files.readString(home.resolve("cachet.properties"))).contains("tsa.url=http\\://127.0.0.1\\:9/tsr");
        assertThat(Files.list(home.resolve("trust/tsa"))).hasSize(1);
        assertThat(home.resolve("keys/tsa.p12")).doesNotExist();

        Path data = folder.resolve("data.json");
        Files.writeString(
                data,
                CliRun.run(PASSPHRASE, Clock.systemUTC(), "types", "show", "visa-validation", "--sample")
                        .out());
        Path out = folder.resolve("visa.pdf");
        CliRun issue = CliRun.run(
                PASSPHRASE,
                Clock.systemUTC(),
                "issue",
                "visa-validation",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--home",
                home.toString());

        assertThat(issue.exitCode()).isNotZero();
        assertThat(issue.err()).contains("cannot get a timestamp").contains("nothing was issued");
        assertThat(out).doesNotExist();
    }

    @Test
    void trustTsaAddsACaOnceAndRefusesAnOfficeCertificate() throws Exception {
        Path home = developmentHome("home");
        Path otherRoot = developmentHome("other").resolve("trust/root.pem");

        CliRun first = CliRun.run(
                Map.of(), Clock.systemUTC(), "keys", "trust-tsa", otherRoot.toString(), "--home", home.toString());
        CliRun again = CliRun.run(
                Map.of(), Clock.systemUTC(), "keys", "trust-tsa", otherRoot.toString(), "--home", home.toString());
        Path officeCertificate =
                Files.list(home.resolve("trust/signers")).findFirst().orElseThrow();
        CliRun office = CliRun.run(
                Map.of(),
                Clock.systemUTC(),
                "keys",
                "trust-tsa",
                officeCertificate.toString(),
                "--home",
                home.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("Trusted ").contains("trust-list export");
        assertThat(again.out()).startsWith("Already trusted ");
        // The TEST authority's certificate from init --test, and the other root.
        assertThat(Files.list(home.resolve("trust/tsa"))).hasSize(2);
        assertThat(office.exitCode()).isEqualTo(1);
        assertThat(office.err()).contains("neither a CA certificate").contains("nothing was changed");
    }

    private Path developmentHome(String name) {
        Path home = folder.resolve(name);
        CliRun run = CliRun.run(Map.of(), Clock.systemUTC(), "init", "--test", "--home", home.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return home;
    }
}
