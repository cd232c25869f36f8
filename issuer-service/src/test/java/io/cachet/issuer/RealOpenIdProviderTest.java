package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.services.CachetServices;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuing service with a real OpenID provider it did not write (panva's OpenID Certified oidc-provider, run
 * with node): case systems get their tokens through the provider's client-credentials grant, the service reads the
 * provider's keys from its discovery document, and configures it the way an operator would, from settings.
 */
class RealOpenIdProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final NodeOpenIdProvider.Client CASE_SYSTEM =
            new NodeOpenIdProvider.Client("case-system", "case-secret", List.of("cachet.issue"), "ES256");
    private static final NodeOpenIdProvider.Client SUPERVISOR = new NodeOpenIdProvider.Client(
            "supervision", "supervision-secret", List.of("cachet.manage", "cachet.read"), "RS256");
    private static final NodeOpenIdProvider.Client NO_ROLE =
            new NodeOpenIdProvider.Client("intranet", "intranet-secret", List.of(), "ES256");

    @TempDir
    static Path folder;

    static NodeOpenIdProvider provider;
    static CachetServices services;
    static Javalin app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        provider = NodeOpenIdProvider.start(folder, List.of(CASE_SYSTEM, SUPERVISOR, NO_ROLE));
        services = IssuerHomes.create(folder);
        OidcSettings settings = OidcSettings.from(
                Map.of(
                        OidcSettings.ISSUER,
                        provider.issuer().toString(),
                        OidcSettings.AUDIENCE,
                        NodeOpenIdProvider.AUDIENCE),
                Map.of());
        app = IssuerApp.create(IssuerHomes.of(services, folder), TokenVerifier.of(settings, Clock.systemUTC()))
                .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        app.stop();
        provider.close();
    }

    @Test
    void aCaseSystemIssuesWithAClientCredentialsTokenAndASupervisorRevokesWithAnRs256One() throws Exception {
        String caseSystem = provider.accessToken(CASE_SYSTEM);

        HttpResponse<String> created = send("POST", "/api/v1/certificates", caseSystem, issueBody());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        String supervisor = provider.accessToken(SUPERVISOR);
        HttpResponse<String> revoked =
                send("POST", "/api/v1/certificates/" + id + "/revoke", supervisor, "{\"reason\":\"erreur de saisie\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        JsonNode record = JSON.readTree(
                send("GET", "/api/v1/certificates/" + id, supervisor, null).body());
        assertThat(record.get("status").asText()).isEqualTo("REVOKED");
        assertThat(record.get("events").get(0).get("actor").asText()).isEqualTo("oidc:case-system");
        assertThat(record.get("events").get(1).get("actor").asText()).isEqualTo("oidc:supervision");
    }

    @Test
    void aTokenWithoutTheRoleIs403AndTheCaseSystemMayNotRevoke() throws Exception {
        HttpResponse<String> noRole = send("POST", "/api/v1/certificates", provider.accessToken(NO_ROLE), issueBody());
        assertThat(noRole.statusCode()).isEqualTo(403);

        HttpResponse<String> revoke = send(
                "POST",
                "/api/v1/certificates/CT-PAR-2026-000000001/revoke",
                provider.accessToken(CASE_SYSTEM),
                "{\"reason\":\"x\"}");
        assertThat(revoke.statusCode()).isEqualTo(403);
    }

    @Test
    void aProviderTokenWithAnAlteredClaimOrForAnotherAudienceIsRefused() throws Exception {
        String token = provider.accessToken(NO_ROLE);
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.putArray("roles").add("cachet.manage");
        String altered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims)) + "."
                + parts[2];

        HttpResponse<String> response = send("GET", "/api/v1/certificates?name=x", altered, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).contains("invalid_token"));

        TokenVerifier otherService = TokenVerifier.of(
                new OidcSettings(provider.issuer(), "urn:another:service", List.of("roles")), Clock.systemUTC());
        assertThatThrownBy(() -> otherService.verify(token))
                .isInstanceOf(TokenVerifier.Refused.class)
                .hasMessageContaining("aud");
    }

    @Test
    void theProviderRefusesAWrongSecretSoNoTokenReachesTheService() throws Exception {
        HttpResponse<String> response = provider.tokenResponse(
                new NodeOpenIdProvider.Client("case-system", "wrong", List.of(), "ES256"), NodeOpenIdProvider.AUDIENCE);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client");
    }

    private static String issueBody() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("type", "visa-validation");
        body.set("data", JSON.readTree(services.catalog().get("visa-validation").sampleJson()));
        return JSON.writeValueAsString(body);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
