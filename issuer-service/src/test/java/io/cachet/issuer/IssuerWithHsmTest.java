package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.home.Keyring;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.testing.SoftHsmTokens;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuing service as an office runs it: the signing key generated in a real SoftHSM2 token (Debian softhsm2,
 * installed by .ci/run), tokens from a real OpenID provider. One PKCS#11 session serves every request; each PDF
 * verifies with the token's key; health signs in the token.
 */
class IssuerWithHsmTest {
    private static final String PIN = "314159";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NodeOpenIdProvider.Client CASE_SYSTEM =
            new NodeOpenIdProvider.Client("case-system", "case-secret", List.of("cachet.issue"), "ES256");

    @TempDir
    Path folder;

    @Test
    void certificatesIssuedThroughTheApiAreSignedInTheTokenAndVerify() throws Exception {
        Path pkcs11Config = softHsmToken();
        Map<String, String> environment = Map.of("CACHET_HSM_PIN", PIN);
        CachetServices created = IssuerHomes.create(folder);
        Keyring.Signer inToken = new CachetServices(created.home(), Optional.empty(), environment, Clock.systemUTC())
                .keys()
                .rotate("PAR", Optional.of(pkcs11Config));
        CachetServices services = new CachetServices(created.home(), Optional.empty(), environment, Clock.systemUTC());

        try (NodeOpenIdProvider provider = NodeOpenIdProvider.start(folder, List.of(CASE_SYSTEM))) {
            OidcSettings settings = new OidcSettings(provider.issuer(), NodeOpenIdProvider.AUDIENCE, List.of("roles"));
            Javalin app = IssuerApp.create(
                            IssuerHomes.of(services, folder), TokenVerifier.of(settings, Clock.systemUTC()))
                    .start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port();
                String token = provider.accessToken(CASE_SYSTEM);
                HttpClient http = HttpClient.newHttpClient();
                for (String type : List.of("visa-validation", "medical-visit", "cir")) {
                    ObjectNode body = JSON.createObjectNode().put("type", type);
                    body.set("data", JSON.readTree(services.catalog().get(type).sampleJson()));
                    HttpResponse<String> created201 = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/v1/certificates"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(created201.statusCode()).as(created201.body()).isEqualTo(201);
                    String id = JSON.readTree(created201.body()).get("id").asText();
                    HttpResponse<byte[]> pdf = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/v1/certificates/" + id + "/pdf"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());

                    VerificationReport report = services.verification().verifyPdf(pdf.body());
                    assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
                    assertThat(report.checks().toString()).contains(inToken.kid());
                }
                JsonNode health = JSON.readTree(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                assertThat(health.get("status").asText()).isEqualTo("UP");
                assertThat(health.get("components")
                                .get("signingKey")
                                .get("detail")
                                .asText())
                        .contains(inToken.kid());
            } finally {
                app.stop();
            }
        }
    }

    /** A fresh SoftHSM2 token; the surefire configuration points SOFTHSM2_CONF into target/. */
    private static Path softHsmToken() throws Exception {
        return SoftHsmTokens.newToken("cachet-issuer", PIN, "CachetIssuer");
    }
}
