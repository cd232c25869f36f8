package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuing service over real HTTP, with tokens of a provider served over real HTTP: who may do what, what is
 * recorded under whose name, and the errors a case system gets.
 */
class IssuerAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path folder;

    static TestOpenIdProvider provider;
    static CachetServices services;
    static Javalin app;
    static String base;
    static JsonNode sample;

    @BeforeAll
    static void start() throws Exception {
        provider = TestOpenIdProvider.start();
        services = IssuerHomes.create(folder);
        sample = JSON.readTree(services.catalog().get("visa-validation").sampleJson());
        app = IssuerApp.create(
                        IssuerHomes.of(services, folder), TokenVerifier.of(provider.settings(), Clock.systemUTC()))
                .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        app.stop();
        provider.close();
    }

    @Test
    void withoutATokenTheAnswerIs401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/types", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"cachet-issuer\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aBadTokenIs401WithInvalidToken() throws Exception {
        String expired = provider.es256(java.time.Instant.now().minusSeconds(3600), claims -> {});

        HttpResponse<String> response = send("GET", "/api/v1/types", expired, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value ->
                        assertThat(value).contains("error=\"invalid_token\"").contains("Expired"));
    }

    @Test
    void anAgentIssuesACertificateRecordedUnderItsIdentityAndFetchesItsPdf() throws Exception {
        String agent = token("agent-0042", "Camille Martin", "cachet.issue");

        HttpResponse<String> created = send("POST", "/api/v1/certificates", agent, issueBody());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode certificate = JSON.readTree(created.body());
        String id = certificate.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/certificates/" + id);
        assertThat(certificate.get("seal").asText()).startsWith("CT1:");
        assertThat(certificate.get("pdf").asText()).isEqualTo("/api/v1/certificates/" + id + "/pdf");

        JsonNode record = JSON.readTree(
                send("GET", "/api/v1/certificates/" + id, agent, null).body());
        assertThat(record.get("status").asText()).isEqualTo("VALID");
        assertThat(record.get("events").get(0).get("actor").asText()).isEqualTo("oidc:agent-0042 (Camille Martin)");

        HttpResponse<byte[]> pdf = HTTP.send(
                request("GET", "/api/v1/certificates/" + id + "/pdf", agent, null)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        VerificationReport verdict = services.verification().verifyFile(pdf.body());
        assertThat(verdict.verdict()).as("%s", verdict.checks()).isEqualTo(Verdict.VALID);
    }

    @Test
    void invalidDataIs422NamingEveryProblem() throws Exception {
        ObjectNode data = sample.deepCopy();
        ((ObjectNode) data.get("holder")).put("birthDate", "31/02/1990");
        data.remove("visaNumber");
        ObjectNode body = JSON.createObjectNode().put("type", "visa-validation");
        body.set("data", data);

        HttpResponse<String> response =
                send("POST", "/api/v1/certificates", token("agent-1", null, "cachet.issue"), body.toString());

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("problems")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(problem.get("problems").toString()).contains("birthDate").contains("visaNumber");
    }

    @Test
    void onlyASupervisorRevokesAndARevokedCertificateCannotBeRevokedAgain() throws Exception {
        String agent = token("agent-7", "Agent Sept", "cachet.issue");
        String supervisor = token("sup-1", "Superviseure", "cachet.manage");
        String id = JSON.readTree(
                        send("POST", "/api/v1/certificates", agent, issueBody()).body())
                .get("id")
                .asText();
        String reason = "{\"reason\":\"fraude documentaire\"}";

        assertThat(send("POST", "/api/v1/certificates/" + id + "/revoke", agent, reason)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> revoked = send("POST", "/api/v1/certificates/" + id + "/revoke", supervisor, reason);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        JsonNode record = JSON.readTree(revoked.body());
        assertThat(record.get("status").asText()).isEqualTo("REVOKED");
        assertThat(record.get("events").get(1).get("actor").asText()).isEqualTo("oidc:sup-1 (Superviseure)");
        assertThat(send("POST", "/api/v1/certificates/" + id + "/revoke", supervisor, reason)
                        .statusCode())
                .isEqualTo(409);
        assertThat(send("POST", "/api/v1/certificates/" + id + "/suspend", supervisor, "{}")
                        .statusCode())
                .as("a reason is required")
                .isEqualTo(400);
    }

    @Test
    void anIssuingAgentReadsOnlyWhatItIssuedAndAReaderSearchesButDoesNotIssue() throws Exception {
        String id = JSON.readTree(
                        send("POST", "/api/v1/certificates", token("agent-a", null, "cachet.issue"), issueBody())
                                .body())
                .get("id")
                .asText();
        String otherAgent = token("agent-b", null, "cachet.issue");
        String reader = token("auditor", "Auditrice", "cachet.read");

        assertThat(send("GET", "/api/v1/certificates/" + id, otherAgent, null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/certificates/" + id, reader, null).statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/api/v1/certificates", reader, issueBody()).statusCode())
                .isEqualTo(403);
        JsonNode found = JSON.readTree(send("GET", "/api/v1/certificates?name=el%20amrani&limit=100", reader, null)
                .body());
        assertThat(found.get("certificates").findValuesAsText("id")).contains(id);
        assertThat(send("GET", "/api/v1/certificates?limit=1000&name=x", reader, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aRequestRepeatedWithItsIdempotencyKeyGetsTheSameCertificateAndAnotherRequestWithItIsRefused()
            throws Exception {
        String agent = token("agent-idem", "Agent Idem", "cachet.issue");
        String key = "dossier-2026-000417";
        ObjectNode reordered = JSON.createObjectNode();
        reordered.set("data", sample);
        reordered.put("type", "visa-validation");

        HttpResponse<String> first = send("POST", "/api/v1/certificates", agent, issueBody(), key);
        HttpResponse<String> again = send("POST", "/api/v1/certificates", agent, reordered.toString(), key);
        ObjectNode changed = (ObjectNode) JSON.readTree(issueBody());
        ((ObjectNode) changed.get("data")).put("visaNumber", "FRA9999999");
        HttpResponse<String> other = send("POST", "/api/v1/certificates", agent, changed.toString(), key);
        HttpResponse<String> anotherCaller =
                send("POST", "/api/v1/certificates", token("agent-else", null, "cachet.issue"), issueBody(), key);

        assertThat(first.statusCode()).isEqualTo(201);
        String id = JSON.readTree(first.body()).get("id").asText();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(again.body()).get("id").asText()).isEqualTo(id);
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("already used for another request");
        assertThat(anotherCaller.statusCode()).as("keys are the caller's own").isEqualTo(201);
        assertThat(JSON.readTree(anotherCaller.body()).get("id").asText()).isNotEqualTo(id);
        assertThat(send("POST", "/api/v1/certificates", agent, issueBody(), "with space")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyIssueOneCertificate() throws Exception {
        String agent = token("agent-race", null, "cachet.issue");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> send("POST", "/api/v1/certificates", agent, issueBody(), "race-1")));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isIn(200, 201, 409);
                if (response.statusCode() != 409) {
                    ids.add(JSON.readTree(response.body()).get("id").asText());
                } else {
                    assertThat(response.body()).contains("still being issued");
                }
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aSupervisorReissuesACorrectedCertificateAndTheEarlierOneIsSuperseded() throws Exception {
        String agent = token("agent-r", null, "cachet.issue");
        String supervisor = token("sup-r", "Superviseur", "cachet.manage");
        String id = JSON.readTree(
                        send("POST", "/api/v1/certificates", agent, issueBody()).body())
                .get("id")
                .asText();
        ObjectNode corrected = JSON.createObjectNode();
        corrected.set("data", sample.deepCopy());
        ((ObjectNode) corrected.get("data")).put("visaNumber", "FRA3019285");

        assertThat(send("POST", "/api/v1/certificates/" + id + "/reissue", agent, corrected.toString())
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> reissued =
                send("POST", "/api/v1/certificates/" + id + "/reissue", supervisor, corrected.toString());

        assertThat(reissued.statusCode()).as(reissued.body()).isEqualTo(201);
        String next = JSON.readTree(reissued.body()).get("id").asText();
        JsonNode earlier = JSON.readTree(
                send("GET", "/api/v1/certificates/" + id, supervisor, null).body());
        assertThat(earlier.get("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(earlier.get("supersededBy").asText()).isEqualTo(next);
        assertThat(send("POST", "/api/v1/certificates/" + id + "/reissue", supervisor, corrected.toString())
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void hostileOrMalformedRequestsGetAClearProblemAndIssueNothing() throws Exception {
        String agent = token("agent-hostile", null, "cachet.issue");
        int before = services.registry()
                .search(new io.cachet.core.registry.SearchQuery(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("visa-validation"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        100))
                .size();
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("", 400);
        expected.put("not json", 400);
        expected.put("[1, 2]", 400);
        expected.put("{\"type\": \"visa-validation\"}", 400);
        expected.put("{\"type\": 7, \"data\": {}}", 400);
        expected.put("{\"type\": \"visa-validation\", \"data\": [1]}", 400);
        expected.put("{\"type\": \"no-such-type\", \"data\": {}}", 400);
        expected.put("{\"type\": \"visa-validation\", \"data\": {}, \"lang\": \"de\"}", 400);
        expected.put("{\"type\": \"visa-validation\", \"type\": \"cir\", \"data\": {}}", 400);

        for (Map.Entry<String, Integer> body : expected.entrySet()) {
            HttpResponse<String> response = send("POST", "/api/v1/certificates", agent, body.getKey());
            assertThat(response.statusCode())
                    .as("%s -> %s", body.getKey(), response.body())
                    .isEqualTo(body.getValue());
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("detail").asText()).isNotBlank();
        }
        // Answered before its body is read, then the connection closed: sent on a connection of its own.
        HttpResponse<String> huge = EarlyRefusals.send(
                request("POST", "/api/v1/certificates", agent, "{\"type\": \"" + "x".repeat(400_000) + "\"}")
                        .build());
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(send("GET", "/api/v1/certificates/not-an-id", agent, null).statusCode())
                .isEqualTo(400);
        assertThat(services.registry()
                        .search(new io.cachet.core.registry.SearchQuery(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of("visa-validation"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                100))
                        .size())
                .as("nothing issued")
                .isEqualTo(before);
    }

    @Test
    void theTypesAreListedWithTheirFieldsAndHealthIsUp() throws Exception {
        JsonNode types = JSON.readTree(send("GET", "/api/v1/types?lang=en", token("x", null, "cachet.read"), null)
                .body());
        HttpResponse<String> health = send("GET", "/health", null, null);

        assertThat(types.get("types").findValuesAsText("id")).contains("visa-validation", "cir", "appointment");
        assertThat(types.get("types").get(0).get("fields")).isNotEmpty();
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("components").fieldNames())
                .toIterable()
                .containsExactly("registry", "signingKey", "timestampAuthority", "openIdProvider");
        assertThat(body.get("components").findValuesAsText("status")).containsOnly("UP");
    }

    private static String issueBody() {
        ObjectNode body = JSON.createObjectNode().put("type", "visa-validation");
        body.set("data", sample);
        return body.toString();
    }

    private static String token(String subject, String name, String... roles) throws Exception {
        return provider.es256(
                java.time.Instant.now(),
                claims -> claims.subject(subject).claim("name", name).claim("roles", List.of(roles)));
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return HTTP.send(request(method, path, token, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String token, String body, String key)
            throws Exception {
        return HTTP.send(
                request(method, path, token, body)
                        .header("Idempotency-Key", key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
