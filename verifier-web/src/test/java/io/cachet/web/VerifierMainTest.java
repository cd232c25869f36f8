package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone verifier: trust material only, configuration from a file and the environment. */
class VerifierMainTest {
    @TempDir
    Path folder;

    @Test
    void runsWithOnlyTheTrustFolderAndNoPrivateKey() throws Exception {
        Path trust = folder.resolve("trust");
        copyTree(TestCertificates.get().home.trustDirectory(), trust);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Javalin app = VerifierMain.start(
                new String[] {"--trust-dir", trust.toString(), "--port", "0", "--bind", "127.0.0.1"},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(new Http("http://127.0.0.1:" + app.port()).get("/health").statusCode())
                    .isEqualTo(200);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 trusted signer(s)");
        } finally {
            app.stop();
        }
    }

    @Test
    void refusesToStartWithoutTrustMaterial() {
        assertThatThrownBy(() -> VerifierMain.start(
                        new String[] {"--trust-dir", folder.toString(), "--port", "0"},
                        Map.of(),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("root.pem");
    }

    @Test
    void theEnvironmentOverridesTheFileWhichOverridesTheDefaults() throws Exception {
        Path file = folder.resolve("verifier.properties");
        Files.writeString(file, "port=9000\nrate-limit-per-minute=5\ntrusted-proxies=10.0.0.0/8, 192.168.1.2\n");

        VerifierConfig config = VerifierConfig.load(
                Optional.of(file), Map.of("CACHET_WEB_PORT", "9100", "CACHET_MAX_UPLOAD_BYTES", "2048"));

        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.rateLimitPerMinute()).isEqualTo(5);
        assertThat(config.maxRequestBytes()).isEqualTo(2048);
        assertThat(config.trustedProxies()).containsExactly("10.0.0.0/8", "192.168.1.2");
        assertThat(VerifierConfig.load(Optional.empty(), Map.of()).maxRequestBytes())
                .isEqualTo(10L * 1024 * 1024);
    }

    @Test
    void aTrustedProxyThatIsAHostNameIsRefused() {
        assertThatThrownBy(
                        () -> VerifierConfig.load(Optional.empty(), Map.of("CACHET_TRUSTED_PROXIES", "proxy.example")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("not an IP address");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        assertThat(List.of(Files.exists(to.resolve("root.pem")))).containsExactly(true);
    }
}
