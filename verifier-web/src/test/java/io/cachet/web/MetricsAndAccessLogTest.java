package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a client can make the verifier count and write: invented methods, the metrics listener, the access log
 * (OWASP ASVS 5 V16). The test log file is set in src/test/resources/simplelogger.properties.
 */
class MetricsAndAccessLogTest {
    private static final Path LOG = Path.of("target/verifier-web-test.log");

    private final List<Javalin> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Javalin::stop);
    }

    private Javalin serve(VerifierConfig config) {
        Javalin app = VerifierApp.create(TestCertificates.get().services.verification(), config)
                .start(config.host(), config.port());
        started.add(app);
        return app;
    }

    private static VerifierConfig config() {
        return new VerifierConfig("127.0.0.1", 0, VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, "", List.of(), 0);
    }

    private static String inventedMethod(Random random) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            name.append((char) ('A' + random.nextInt(26)));
        }
        return name.toString();
    }

    @Test
    void inventedMethodsGet405AndShareOneMetricsLabel() throws Exception {
        Javalin app = serve(config());
        Http http = new Http("http://127.0.0.1:" + app.port());
        int before = http.get("/metrics").body().length();
        HttpClient client = HttpClient.newHttpClient();
        Random random = new Random(20);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health"))
                    .method(inventedMethod(random), HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
            if (i == 0) {
                assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
                assertThat(response.headers().firstValue("Content-Security-Policy"))
                        .isPresent();
            }
        }

        assertThat(statuses).containsOnly(405);
        String metrics = http.get("/metrics").body();
        assertThat(metrics)
                .contains("http_server_requests_seconds_count{method=\"OTHER\",status=\"405\",uri=\"/health\"} 2000");
        // One new series (with its few lines) and the JVM's own numbers changing: nothing per method.
        assertThat(metrics.length()).isLessThan(before + 4_000);
    }

    @Test
    void metricsCanHaveTheirOwnListenerAndAreThenNotOnThePublicOne() throws Exception {
        VerifierConfig config = config().withMetricsListener(Optional.of(new VerifierConfig.Listener("127.0.0.1", 0)));
        Javalin app = serve(config);
        int metricsPort = ((ServerConnector) app.jettyServer().server().getConnectors()[1]).getLocalPort();
        Http publicSide = new Http("http://127.0.0.1:" + app.port());
        Http metricsSide = new Http("http://127.0.0.1:" + metricsPort);

        assertThat(metricsPort).isNotEqualTo(app.port());
        assertThat(publicSide.get("/health").statusCode()).isEqualTo(200);
        assertThat(publicSide.get("/metrics").statusCode()).isEqualTo(404);
        HttpResponse<String> metrics = metricsSide.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",status=\"200\",uri=\"/health\"}");
        assertThat(metricsSide.get("/").statusCode()).isEqualTo(404);
        assertThat(metricsSide.get("/api/v1/trust-list").statusCode()).isEqualTo(404);
    }

    @Test
    void byDefaultMetricsAreServedOnThePublicListenerAlone() throws Exception {
        Javalin app = serve(config());

        assertThat(app.jettyServer().server().getConnectors()).hasSize(1);
        assertThat(new Http("http://127.0.0.1:" + app.port()).get("/metrics").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theAccessLogHasMethodRouteStatusDurationAndBytesButNoIdOrQuery() throws Exception {
        Javalin app = serve(config());
        long before = Files.exists(LOG) ? Files.size(LOG) : 0;
        Http http = new Http("http://127.0.0.1:" + app.port());
        String id = TestCertificates.get().issued.id().value();

        int homeBytes = http.get("/?lang=en&code=CT1SECRETVALUE").body().getBytes(StandardCharsets.UTF_8).length;
        http.get("/api/v1/certificates/" + id, "Authorization", "Bearer cachet_SECRETKEYVALUE");
        http.get("/CT1:SECRETPATHVALUE");
        String badLine = RawHttp.exchange(app.port(), "GET /?x=CT1SECRETLINE HTTP/1.1 junk\r\nHost: x\r\n\r\n");
        app.stop(); // Lines are written once responses are complete; stopping waits for them.

        String logged = new String(Files.readAllBytes(LOG), StandardCharsets.UTF_8).substring((int) before);
        assertThat(badLine).startsWith("HTTP/1.1 400");
        assertThat(logged)
                .containsPattern("GET / 200 \\d+ ms " + homeBytes + " B")
                .containsPattern("GET /api/v1/certificates/\\{id\\} 404 \\d+ ms \\d+ B")
                .containsPattern("GET UNMATCHED 404 \\d+ ms \\d+ B")
                .doesNotContain(id)
                .doesNotContain("SECRET")
                .doesNotContain("lang=en");
    }
}
