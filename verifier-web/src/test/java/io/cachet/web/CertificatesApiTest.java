package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.registry.ApiAccess;
import io.cachet.core.registry.ApiClients;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.Registry;
import io.cachet.core.services.CachetServices;
import io.cachet.core.status.StatusListSource;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/v1/certificates/{id} on a real server over a real SQLite registry, with API keys and the access log. */
class CertificatesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static CachetServices services;
    private static Registry registry;
    private static IssuedCertificate issued;
    private static String key;
    private static String revokedKey;
    private static Javalin app;

    @BeforeAll
    static void start() throws Exception {
        Clock clock = Clock.systemUTC();
        CachetHome home = new CachetHome(folder.resolve("home"));
        new HomeInitializer(clock, Map.of())
                .initialize(
                        home,
                        new HomeInitializer.Request(
                                "PAR", "Direction territoriale de Paris", true, false, "http://localhost"));
        services = new CachetServices(home, Optional.empty(), Map.of(), clock);
        issued = services.issuance()
                .issue(
                        "visa-validation",
                        JSON.readTree(services.catalog().get("visa-validation").sampleJson()),
                        folder.resolve("visa.pdf"),
                        Locale.FRENCH);
        registry = services.registry();
        registry.change(
                issued.id(), Registry.Change.SUSPEND, "guichet", Optional.of("identity check"), clock.instant());
        key = registry.clients().add("prefecture-69", clock.instant()).key();
        revokedKey = registry.clients().add("old.system", clock.instant()).key();
        registry.clients().revoke("old.system", clock.instant());
        app = VerifierApp.create(
                        services.verification(),
                        VerifierConfig.onPort(0),
                        StatusListSource.none(),
                        Optional.of(registry))
                .start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    static HttpResponse<String> get(Javalin server, String id, String authorization) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/certificates/" + id));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<ApiAccess> accessesOf(String client) {
        return registry.clients().accessLog().stream()
                .filter(access -> access.client().equals(client))
                .toList();
    }

    @Test
    void aValidKeyGetsTheRecordAndItsHistoryAndTheAccessIsLogged() throws Exception {
        String id = issued.id().value();
        int before = accessesOf("prefecture-69").size();

        HttpResponse<String> response = get(app, id.toLowerCase(Locale.ROOT), "Bearer " + key);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("id").asText()).isEqualTo(id);
        assertThat(body.get("type").asText()).isEqualTo("visa-validation");
        assertThat(body.get("office").asText()).isEqualTo("PAR");
        assertThat(body.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(body.get("holder").get("familyName").asText()).isNotBlank();
        assertThat(body.get("holder").get("birthDate").asText()).isNotBlank();
        assertThat(body.has("issuedAt")).isTrue();
        assertThat(body.get("events")).hasSize(2);
        assertThat(body.get("events").get(0).get("type").asText()).isEqualTo("ISSUED");
        assertThat(body.get("events").get(1).get("type").asText()).isEqualTo("SUSPENDED");
        assertThat(body.get("events").get(1).get("reason").asText()).isEqualTo("identity check");
        assertThat(body.get("events").get(1).get("actor").asText()).isEqualTo("guichet");
        List<ApiAccess> log = accessesOf("prefecture-69");
        assertThat(log).hasSize(before + 1);
        ApiAccess last = log.get(log.size() - 1);
        assertThat(last.certificateId()).contains(issued.id());
        assertThat(last.outcome()).isEqualTo(ApiAccess.Outcome.GRANTED);
    }

    @Test
    void noKeyAWrongKeyAndARevokedKeyAllGetTheSame401() throws Exception {
        String id = issued.id().value();
        String wrong = ApiClients.KEY_PREFIX + "A".repeat(43);
        int revokedBefore = accessesOf("old.system").size();

        for (String authorization :
                new String[] {null, "Bearer " + wrong, "Bearer " + revokedKey, "Basic " + key, "Bearer"}) {
            HttpResponse<String> response = get(app, id, authorization);

            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(401);
            assertThat(problem.get("detail").asText())
                    .doesNotContain("old.system")
                    .doesNotContain("revoked");
            assertThat(response.body())
                    .doesNotContain(registry.get(issued.id()).holder().familyName());
        }
        // Written by a background thread once the 401 is on its way: wait for it (5 s at most).
        List<ApiAccess> revoked = accessesOf("old.system");
        for (int i = 0; i < 50 && revoked.size() == revokedBefore; i++) {
            Thread.sleep(100);
            revoked = accessesOf("old.system");
        }
        assertThat(revoked).hasSize(revokedBefore + 1);
        assertThat(revoked.get(revoked.size() - 1).outcome()).isEqualTo(ApiAccess.Outcome.REVOKED_KEY);
    }

    @Test
    void aRevokedKeyAndAnUnknownKeyGetTheSameBytes() throws Exception {
        String id = issued.id().value();
        String unknown = ApiClients.KEY_PREFIX + "B".repeat(43);

        HttpResponse<String> toRevoked = get(app, id, "Bearer " + revokedKey);
        HttpResponse<String> toUnknown = get(app, id, "Bearer " + unknown);

        assertThat(toRevoked.statusCode()).isEqualTo(toUnknown.statusCode()).isEqualTo(401);
        assertThat(toRevoked.body()).isEqualTo(toUnknown.body());
        Map<String, List<String>> revokedHeaders =
                new java.util.TreeMap<>(toRevoked.headers().map());
        Map<String, List<String>> unknownHeaders =
                new java.util.TreeMap<>(toUnknown.headers().map());
        revokedHeaders.remove("date");
        unknownHeaders.remove("date");
        assertThat(revokedHeaders).isEqualTo(unknownHeaders);
    }

    @Test
    void anUnknownIdIs404AndLogged() throws Exception {
        CertificateId unknown = CertificateId.random();

        HttpResponse<String> response = get(app, unknown.value(), "Bearer " + key);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(404);
        List<ApiAccess> log = accessesOf("prefecture-69");
        assertThat(log.get(log.size() - 1))
                .satisfies(access -> assertThat(access.certificateId()).contains(unknown))
                .satisfies(access -> assertThat(access.outcome()).isEqualTo(ApiAccess.Outcome.NOT_FOUND));
    }

    @Test
    void aMalformedIdIs400() throws Exception {
        HttpResponse<String> response = get(app, "not-an-id", "Bearer " + key);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
        List<ApiAccess> log = accessesOf("prefecture-69");
        assertThat(log.get(log.size() - 1).outcome()).isEqualTo(ApiAccess.Outcome.MALFORMED_ID);
    }

    @Test
    void withoutARegistryTheRouteSaysTheRegistryIsNotAvailableHere() throws Exception {
        Javalin bare = VerifierApp.create(services.verification(), VerifierConfig.onPort(0))
                .start("127.0.0.1", 0);
        try {
            HttpResponse<String> response = get(bare, issued.id().value(), "Bearer " + key);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).get("detail").asText())
                    .contains("registry is not available here");
        } finally {
            bare.stop();
        }
    }
}
