package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Limits, rate limits, proxy trust and headers, each on a real server configured for the case. */
class VerifierSecurityTest {
    private final List<Javalin> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Javalin::stop);
    }

    private Http serve(VerifierConfig config) {
        Javalin app = VerifierApp.create(TestCertificates.get().services.verification(), config)
                .start("127.0.0.1", 0);
        started.add(app);
        return new Http("http://127.0.0.1:" + app.port());
    }

    private static VerifierConfig config(long maxBytes, List<String> proxies, int perMinute) {
        return new VerifierConfig("127.0.0.1", 0, maxBytes, "", proxies, perMinute);
    }

    private static byte[] pastedForm(String code) {
        return ("code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyOverTheLimitIsRefusedFromItsContentLengthWithProblemDetails() throws Exception {
        Http http = serve(config(1024, List.of(), 0));
        byte[] big = ("{\"code\": \"" + "A".repeat(4096) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = http.post("/api/v1/verify", "application/json", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("413").doesNotContain("Exception");
    }

    @Test
    void aFormOverTheLimitGetsAFriendlyPage() throws Exception {
        Http http = serve(config(1024, List.of(), 0));

        HttpResponse<String> response =
                http.post("/verify?lang=en", "application/x-www-form-urlencoded", pastedForm("A".repeat(4096)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .contains("The file is too large (0.00 MB at most)")
                .doesNotContain("Exception");
    }

    @Test
    void anUploadOverTheLimitWithoutContentLengthIsRefusedWhileRead() throws Exception {
        Javalin app = VerifierApp.create(TestCertificates.get().services.verification(), config(1024, List.of(), 0))
                .start("127.0.0.1", 0);
        started.add(app);
        String boundary = "b";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n" + "A".repeat(8192) + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/verify"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterWhateverItsForwardedForSays() throws Exception {
        Http http = serve(config(VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, List.of(), 2));
        byte[] form = pastedForm(TestCertificates.get().issued.seal());

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (String forwarded : List.of("203.0.113.1", "203.0.113.2", "203.0.113.3")) {
            last = http.post("/api/v1/verify", "application/x-www-form-urlencoded", form, "X-Forwarded-For", forwarded);
            statuses.add(last.statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(last.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(last.body()).contains("Too Many Requests");
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnRate() throws Exception {
        Http http = serve(config(VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, List.of("127.0.0.0/8", "::1"), 1));
        byte[] form = pastedForm(TestCertificates.get().issued.seal());

        int first = http.post("/verify", "application/x-www-form-urlencoded", form, "X-Forwarded-For", "203.0.113.1")
                .statusCode();
        int other = http.post("/verify", "application/x-www-form-urlencoded", form, "X-Forwarded-For", "203.0.113.2")
                .statusCode();
        // The client cannot escape by prepending an address: the right-most untrusted hop is the client.
        int again = http.post(
                        "/verify",
                        "application/x-www-form-urlencoded",
                        form,
                        "X-Forwarded-For",
                        "198.51.100.7, 203.0.113.1")
                .statusCode();

        assertThat(Arrays.asList(first, other, again)).containsExactly(200, 200, 429);
    }

    @Test
    void hstsIsSentOnlyWhenATrustedProxySaysHttps() throws Exception {
        Http direct = serve(config(VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, List.of(), 0));
        Http proxied = serve(config(VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, List.of("127.0.0.1", "::1"), 0));

        assertThat(direct.get("/").headers().firstValue("Strict-Transport-Security"))
                .isEmpty();
        assertThat(direct.get("/", "X-Forwarded-Proto", "https").headers().firstValue("Strict-Transport-Security"))
                .isEmpty();
        assertThat(proxied.get("/", "X-Forwarded-Proto", "https").headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("max-age="));
    }

    @Test
    void theConfiguredBaseUrlIsTheOpenApiServer() throws Exception {
        Http http = serve(new VerifierConfig("127.0.0.1", 0, 1024, "https://verifier.example.test/", List.of(), 0));

        assertThat(http.get("/api/openapi.yaml").body()).contains("- url: https://verifier.example.test\n");
    }

    @Test
    void errorsThatJettyAnswersItselfShowNoServerPage() throws Exception {
        Http http = serve(VerifierConfig.onPort(0));

        HttpResponse<String> response = http.get("/", "X-Padding", "a".repeat(20_000));

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.body()).contains("HTTP 431").doesNotContain("Jetty").doesNotContain("<table>");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        Http http = serve(VerifierConfig.onPort(0));

        for (String path : List.of("/", "/assets/cachet.css", "/api/v1/trust-list", "/missing")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("default-src 'none'")
                            .contains("script-src 'self'")
                            .contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline")
                            .doesNotContain("http"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Permissions-Policy"))
                    .hasValueSatisfying(policy -> assertThat(policy).contains("camera=(self)"));
        }
    }

    @Test
    void pagesCarryNoInlineScriptOrStyle() throws Exception {
        Http http = serve(VerifierConfig.onPort(0));

        String home = http.get("/").body();

        assertThat(home).doesNotContain("<style").doesNotContain("style=\"").doesNotContain("onclick");
        assertThat(home).containsPattern("<script src=\"/assets/camera.js\"");
        assertThat(home.replaceAll("<script src=\"[^\"]+\" defer></script>", ""))
                .doesNotContain("<script");
    }

    @Test
    void pagesSendCodesInPostBodiesNeverInUrls() throws Exception {
        Http http = serve(VerifierConfig.onPort(0));

        String home = http.get("/").body();

        assertThat(home).contains("method=\"post\" action=\"/verify?lang=fr\"").doesNotContain("method=\"get\"");
    }
}
