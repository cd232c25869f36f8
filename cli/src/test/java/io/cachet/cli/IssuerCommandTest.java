package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cachet issuer serve` refuses to start without a usable OpenID provider setting, naming every problem. */
class IssuerCommandTest {
    @TempDir
    Path folder;

    @Test
    void withoutProviderSettingsTheServiceDoesNotStartAndSaysWhatIsMissing() {
        String home = folder.resolve("home").toString();
        assertThat(CliRun.run(Map.of(), Clock.systemUTC(), "init", "--test", "--home", home)
                        .exitCode())
                .isZero();

        CliRun run = CliRun.run(
                Map.of("CACHET_ISSUER_OIDC_ISSUER", "http://login.example.org/realms/ofii"),
                Clock.systemUTC(),
                "issuer",
                "serve",
                "--home",
                home,
                "--port",
                "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("must be an https:// URL")
                .contains("issuer.oidc.audience (CACHET_ISSUER_OIDC_AUDIENCE) is not set");
    }

    @Test
    void theHelpNamesTheSettingsAndTheRoles() {
        CliRun run = CliRun.run(Map.of(), Clock.systemUTC(), "issuer", "serve", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("CACHET_ISSUER_OIDC_ISSUER")
                .contains("cachet.issue, cachet.manage, cachet.read")
                .contains("--bind");
    }
}
