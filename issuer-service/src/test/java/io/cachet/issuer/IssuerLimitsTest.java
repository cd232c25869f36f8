package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each caller's rate, and the metrics a Prometheus server scrapes. */
class IssuerLimitsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private TestOpenIdProvider provider;
    private Javalin app;

    @BeforeEach
    void start() throws Exception {
        provider = TestOpenIdProvider.start();
        app = IssuerApp.create(
                        IssuerHomes.of(IssuerHomes.create(folder), folder),
                        TokenVerifier.of(provider.settings(), Clock.systemUTC()),
                        new IssuerApp.Limits(3))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
        provider.close();
    }

    @Test
    void aCallerOverItsRateGets429WithRetryAfterAndOtherCallersDoNot() throws Exception {
        String busy = token("busy-system");
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/v1/types", busy).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = get("/api/v1/types", busy);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get("/api/v1/types", token("agent")).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountRequestsByRouteTemplateAndStatus() throws Exception {
        get("/api/v1/types", token("agent"));
        get("/api/v1/certificates/AAAA-BBBB-CCCC-DDDD-E", token("agent"));

        String metrics = get("/metrics", null).body();

        assertThat(metrics)
                .contains("cachet_issuer_requests_total{method=\"GET\",route=\"/api/v1/types\",status=\"200\"}")
                .contains("route=\"/api/v1/certificates/{id}\"")
                .doesNotContain("AAAA-BBBB")
                .contains("jvm_memory_used_bytes");
    }

    private String token(String subject) throws Exception {
        return provider.es256(Instant.now(), claims -> claims.subject(subject).claim("roles", List.of("cachet.read")));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
