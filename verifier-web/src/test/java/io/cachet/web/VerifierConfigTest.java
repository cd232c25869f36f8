package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection and metrics settings: their defaults, the file, the environment, and what is refused. */
class VerifierConfigTest {
    @TempDir
    Path folder;

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        VerifierConfig config = VerifierConfig.load(Optional.empty(), Map.of());

        assertThat(config.connections())
                .isEqualTo(new VerifierConfig.Connections(250, 32, 1024, Duration.ofSeconds(20)));
        assertThat(config.metricsListener()).isEmpty();
    }

    @Test
    void connectionSettingsAndTheMetricsListenerComeFromTheFileAndTheEnvironment() throws Exception {
        Path file = folder.resolve("verifier.properties");
        Files.writeString(
                file,
                "max-threads=64\nmax-connections-per-address=8\nmin-request-bytes-per-second=2048\n"
                        + "idle-timeout-seconds=10\nmetrics-port=9090\n");

        VerifierConfig config = VerifierConfig.load(Optional.of(file), Map.of("CACHET_METRICS_BIND", "10.0.0.5"));

        assertThat(config.connections()).isEqualTo(new VerifierConfig.Connections(64, 8, 2048, Duration.ofSeconds(10)));
        assertThat(config.metricsListener()).contains(new VerifierConfig.Listener("10.0.0.5", 9090));
    }

    @Test
    void theMetricsListenerDefaultsToThisMachineOnly() {
        VerifierConfig config = VerifierConfig.load(Optional.empty(), Map.of("CACHET_METRICS_PORT", "9090"));

        assertThat(config.metricsListener()).contains(new VerifierConfig.Listener("127.0.0.1", 9090));
    }

    @Test
    void impossibleSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> VerifierConfig.load(Optional.empty(), Map.of("CACHET_METRICS_BIND", "10.0.0.5")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("metrics-port");
        assertThatThrownBy(() -> VerifierConfig.load(
                        Optional.empty(), Map.of("CACHET_WEB_PORT", "8080", "CACHET_METRICS_PORT", "8080")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("metrics-port must differ");
        assertThatThrownBy(() -> VerifierConfig.load(Optional.empty(), Map.of("CACHET_WEB_MAX_THREADS", "4")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("max-threads");
        assertThatThrownBy(() -> VerifierConfig.load(Optional.empty(), Map.of("CACHET_WEB_IDLE_TIMEOUT_SECONDS", "0")))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("idle-timeout-seconds");
    }
}
