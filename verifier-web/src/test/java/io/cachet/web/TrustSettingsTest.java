package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of the trust's reloads: defaults, file and environment, bounds, and contradictory options. */
class TrustSettingsTest {
    @TempDir
    Path folder;

    @Test
    void theDefaultsReadTheFolderEveryFiveSecondsAndAListAddressEveryFiveMinutes() {
        TrustSettings settings = TrustSettings.load(Optional.empty(), Map.of());

        assertThat(settings).isEqualTo(TrustSettings.DEFAULT);
        assertThat(settings.reloadPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.listRefresh()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.listUrl()).isEmpty();
    }

    @Test
    void theEnvironmentOverridesTheFile() throws Exception {
        Path file = folder.resolve("verifier.properties");
        Files.writeString(
                file,
                "trust-reload-seconds=2\ntrust-list-url=https://a.example/list.jws\ntrust-list-refresh-seconds=60\n");

        TrustSettings settings =
                TrustSettings.load(Optional.of(file), Map.of("CACHET_TRUST_LIST_URL", "https://b.example/list.jws"));

        assertThat(settings.reloadPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.listUrl()).contains("https://b.example/list.jws");
        assertThat(settings.listRefresh()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void periodsBelowTheirFloorOrNotNumbersAreRefused() {
        assertThatThrownBy(() -> TrustSettings.load(Optional.empty(), Map.of("CACHET_TRUST_RELOAD_SECONDS", "0")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("trust-reload-seconds must be at least 1");
        assertThatThrownBy(() -> TrustSettings.load(Optional.empty(), Map.of("CACHET_TRUST_LIST_REFRESH_SECONDS", "1")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("trust-list-refresh-seconds must be at least 5");
        assertThatThrownBy(() -> TrustSettings.load(Optional.empty(), Map.of("CACHET_TRUST_RELOAD_SECONDS", "5s")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("whole number of seconds");
    }

    @Test
    void aListFileAndAListAddressTogetherAreAUsageErrorAndSoIsAnAddressThatIsNotHttp() throws Exception {
        Path list = folder.resolve("trust-list.jws");
        Files.writeString(list, TestCertificates.get().services.keys().exportTrustList(Duration.ofDays(7)));
        Path root = TestCertificates.get().home.rootCertificate();

        assertThatThrownBy(() -> start(
                        "--trust-list",
                        list.toString(),
                        "--trust-list-url",
                        "https://a.example/l.jws",
                        "--root",
                        root.toString()))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.USAGE))
                .hasMessageContaining("give one of them");
        assertThatThrownBy(() -> start("--trust-list-url", "file://" + list, "--root", root.toString()))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("http:// or https://");
        assertThat(VerifierMain.USAGE).contains("--trust-list-url URL").contains("SIGHUP");
    }

    private void start(String... options) {
        String[] args = java.util.Arrays.copyOf(options, options.length + 4);
        System.arraycopy(new String[] {"--port", "0", "--bind", "127.0.0.1"}, 0, args, options.length, 4);
        VerifierMain.start(
                        args,
                        Map.of("CACHET_HOME", folder.resolve("no-home").toString()),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .stop();
    }
}
