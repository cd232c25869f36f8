package io.cachet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.keys.Pkcs11Token;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.testing.SoftHsmTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing through PKCS#11 with a real SoftHSM2 token (Debian softhsm2, installed by .ci/run): the office key is
 * generated in the token, never leaves it, and issuing works as with a PKCS#12 key. Surefire points SOFTHSM2_CONF
 * at target/softhsm/softhsm2.conf; this test writes that file and initialises a fresh token.
 */
class HsmSigningTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final String PIN = "481516";

    private static Path pkcs11Config;
    /** Tried before any successful login: a PKCS#11 library keeps the login for the whole process. */
    private static Throwable wrongPinError;

    @BeforeAll
    static void initialiseToken() throws Exception {
        pkcs11Config = SoftHsmTokens.newToken("cachet-test", PIN, "CachetSoftHSM");
        wrongPinError = org.assertj.core.api.Assertions.catchThrowable(
                () -> Pkcs11Token.open(pkcs11Config, "000000".toCharArray()));
    }

    @Test
    void anOfficeKeyInTheTokenSignsCertificatesThatVerify() throws Exception {
        Path folder = Files.createTempDirectory("cachet-hsm");
        Path home = folder.resolve("home");
        Map<String, String> environment = new HashMap<>(Map.of("CACHET_HSM_PIN", PIN));
        assertThat(CliRun.run(environment, CLOCK, "init", "--test", "--home", home.toString())
                        .exitCode())
                .isZero();

        CliRun rotate = CliRun.run(
                environment,
                CLOCK,
                "keys",
                "rotate",
                "PAR",
                "--pkcs11-config",
                pkcs11Config.toString(),
                "--home",
                home.toString());
        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        Path data = folder.resolve("d.json");
        Files.writeString(
                data,
                CliRun.run(environment, CLOCK, "types", "show", "medical-visit", "--sample")
                        .out());
        CliRun issue = CliRun.run(
                environment,
                CLOCK,
                "issue",
                "medical-visit",
                "--data",
                data.toString(),
                "--out",
                folder.resolve("hsm.pdf").toString(),
                "--json",
                "--home",
                home.toString());

        assertThat(issue.exitCode()).as(issue.err()).isZero();
        JsonNode issued = new ObjectMapper().readTree(issue.out());
        CliRun verify =
                CliRun.run(Map.of(), CLOCK, "verify", issued.get("file").asText(), "--json", "--home", home.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        JsonNode keys = new ObjectMapper()
                .readTree(CliRun.run(environment, CLOCK, "keys", "list", "--json", "--home", home.toString())
                        .out())
                .get("keys");
        String kid = keys.get(1).get("kid").asText();
        assertThat(verify.out()).contains("kid " + kid);
        try (var files = Files.walk(home.resolve("keys"))) {
            assertThat(files.map(Path::toString).toList())
                    .noneMatch(name -> name.contains(kid) && name.endsWith(".p12"));
        }
        SignerKey inToken = Pkcs11Token.open(pkcs11Config, PIN.toCharArray()).signerKey("PAR", "PAR-" + kid);
        assertThat(inToken.privateKey().getEncoded())
                .as("the private key is not extractable")
                .isNull();
        assertThat(inToken.chain()).hasSize(2);
    }

    @Test
    void aWrongPinIsAClearError() {
        assertThat(wrongPinError).hasMessageContaining("CACHET_HSM_PIN");
    }
}
