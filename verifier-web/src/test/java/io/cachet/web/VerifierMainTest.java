package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.CachetException;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone verifier: trust material only, configuration from a file and the environment. */
class VerifierMainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void runsWithASignedTrustListCheckedAgainstThePinnedRoot() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        Path list = folder.resolve("trust-list.jws");
        Files.writeString(list, certificates.services.keys().exportTrustList(Duration.ofDays(7)));
        Path root = folder.resolve("root.pem");
        Files.copy(certificates.home.rootCertificate(), root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Javalin app = VerifierMain.start(
                new String[] {
                    "--trust-list", list.toString(), "--root", root.toString(), "--port", "0", "--bind", "127.0.0.1"
                },
                Map.of("CACHET_HOME", folder.resolve("no-home").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Http http = new Http("http://127.0.0.1:" + app.port());
            JsonNode report = JSON.readTree(http.post(
                            Routes.VERIFY_API,
                            "application/json",
                            JSON.writeValueAsBytes(Map.of("code", certificates.issued.seal())))
                    .body());

            assertThat(http.get(Routes.HEALTH).statusCode()).isEqualTo(200);
            assertThat(checkOutcome(report, "seal.signature")).isEqualTo("PASSED");
            assertThat(JSON.readTree(http.get(Routes.TRUST_LIST).body()).get("signers"))
                    .hasSize(1);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("Trust list #")
                    .contains("1 trusted signer(s) and 1 timestamp anchor(s) from the trust list " + list);
        } finally {
            app.stop();
        }
    }

    @Test
    void aTrustListNotSignedByThePinnedRootOrAlteredIsRefused() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        String signed = certificates.services.keys().exportTrustList(Duration.ofDays(7));
        Path list = folder.resolve("trust-list.jws");
        Files.writeString(list, signed);
        Path otherRoot = folder.resolve("other-root.pem");
        CachetHome other = new CachetHome(folder.resolve("other"));
        new HomeInitializer(java.time.Clock.systemUTC(), Map.of())
                .initialize(other, new HomeInitializer.Request("LYO", "Lyon", true, false, "http://localhost"));
        Files.copy(other.rootCertificate(), otherRoot);
        String[] parts = signed.strip().split("\\.");
        Path altered = folder.resolve("altered.jws");
        Files.writeString(altered, parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "." + parts[2]);
        Path root = certificates.home.rootCertificate();

        assertThatThrownBy(() -> start("--trust-list", list.toString(), "--root", otherRoot.toString()))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("does not verify against the pinned root");
        assertThatThrownBy(() -> start("--trust-list", altered.toString(), "--root", root.toString()))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("trust list");
        assertThatThrownBy(() ->
                        start("--trust-list", folder.resolve("missing.jws").toString(), "--root", root.toString()))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.USAGE))
                .hasMessageContaining("trust list not found");
        assertThatThrownBy(() -> start(
                        "--root",
                        root.toString(),
                        "--trust-dir",
                        certificates.home.trustDirectory().toString()))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.USAGE))
                .hasMessageContaining("--trust-list");
    }

    @Test
    void theTrustListsRootDefaultsToTheTrustFoldersRoot() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        Path list = folder.resolve("trust-list.jws");
        Files.writeString(list, certificates.services.keys().exportTrustList(Duration.ofDays(7)));
        Path trust = folder.resolve("trust");
        Files.createDirectories(trust);
        Files.copy(certificates.home.rootCertificate(), trust.resolve("root.pem"));

        Javalin app = start("--trust-list", list.toString(), "--trust-dir", trust.toString());
        try {
            assertThat(new Http("http://127.0.0.1:" + app.port())
                            .get(Routes.HEALTH)
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            app.stop();
        }
    }

    @Test
    void theUsageNamesTheTrustListAndItsRoot() {
        assertThat(VerifierMain.USAGE).contains("--trust-list FILE").contains("--root ROOT.pem");
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

    private static Javalin start(String... options) {
        String[] args = java.util.Arrays.copyOf(options, options.length + 4);
        System.arraycopy(new String[] {"--port", "0", "--bind", "127.0.0.1"}, 0, args, options.length, 4);
        return VerifierMain.start(
                args, Map.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static String checkOutcome(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check.get("outcome").asText();
            }
        }
        return "absent";
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
