package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.keys.Pem;
import io.cachet.core.registry.Registry;
import io.cachet.core.services.CachetServices;
import io.cachet.core.status.StatusListReader;
import io.cachet.core.status.StatusListSource;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/v1/status-list serves the signed Token Status List; a revoked certificate's bit is set. */
class StatusListApiTest {
    @TempDir
    Path folder;

    @Test
    void statusListIsServedSignedWithTheRevokedCertificatesBitSet() throws Exception {
        Clock clock = Clock.systemUTC();
        CachetHome home = new CachetHome(folder.resolve("home"));
        new HomeInitializer(clock, Map.of())
                .initialize(
                        home,
                        new HomeInitializer.Request(
                                "PAR", "Direction territoriale de Paris", true, false, "http://localhost"));
        CachetServices services = new CachetServices(home, Optional.empty(), Map.of(), clock);
        IssuedCertificate issued = services.issuance()
                .issue(
                        "visa-validation",
                        new ObjectMapper()
                                .readTree(services.catalog()
                                        .get("visa-validation")
                                        .sampleJson()),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH);
        services.registry().change(issued.id(), Registry.Change.REVOKE, "agent", Optional.of("fraud"), clock.instant());
        StatusListSource source =
                () -> Optional.of(services.statusList().export(Duration.ofDays(1), Duration.ofHours(1)));
        Javalin app = VerifierApp.create(services.verification(), VerifierConfig.onPort(0), source)
                .start("127.0.0.1", 0);
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/status-list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/statuslist+cwt"));
            PublicKey key;
            try (var files = Files.list(home.signerCertificates())) {
                key = Pem.readCertificates(files.findFirst().orElseThrow())
                        .get(0)
                        .getPublicKey();
            }
            StatusListReader.StatusList list = StatusListReader.read(response.body(), key);
            long index = services.registry().get(issued.id()).statusIndex().orElseThrow();
            assertThat(list.status(index)).isEqualTo(1);
        } finally {
            app.stop();
        }
    }

    @Test
    void withoutAPublishedListTheApiAnswers404ProblemDetails() throws Exception {
        CachetHome home = new CachetHome(folder.resolve("home"));
        new HomeInitializer(Clock.systemUTC(), Map.of())
                .initialize(home, new HomeInitializer.Request("PAR", "Paris", true, false, "http://localhost"));
        CachetServices services = new CachetServices(home, Optional.empty(), Map.of(), Clock.systemUTC());
        Javalin app = VerifierApp.create(services.verification(), VerifierConfig.onPort(0))
                .start("127.0.0.1", 0);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/status-list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        } finally {
            app.stop();
        }
    }
}
