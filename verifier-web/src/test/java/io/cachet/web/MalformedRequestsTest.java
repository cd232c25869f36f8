package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests that are malformed on purpose: a client's mistake is a 4xx with the usual headers, never a 500. */
class MalformedRequestsTest {
    private static Javalin app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = VerifierApp.create(
                        TestCertificates.get().services.verification(),
                        new VerifierConfig("127.0.0.1", 0, VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, "", List.of(), 0))
                .start("127.0.0.1", 0);
        http = Http.freshConnections("http://127.0.0.1:" + app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static byte[] parts(String boundary, int count) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < count; i++) {
            body.append("--")
                    .append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"f")
                    .append(i)
                    .append("\"\r\n\r\nx\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return body.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void multipartWithoutABoundaryIs400() throws Exception {
        HttpResponse<String> response = http.post("/api/v1/verify", "multipart/form-data", parts("b", 1));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("multipart").doesNotContain("Exception");
    }

    @Test
    void multipartWithoutABoundaryOnTheFormIs400WithAPage() throws Exception {
        HttpResponse<String> response = http.post("/verify?lang=en", "multipart/form-data", parts("b", 1));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<html").doesNotContain("Exception");
    }

    @Test
    void jsonWithARepeatedKeyOrNestedDeepIs400() throws Exception {
        String repeated = "{\"code\": \"HC1:A\", \"code\": \"HC1:B\"}";
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        for (String body : java.util.List.of(repeated, deep)) {
            HttpResponse<String> response =
                    http.post("/api/v1/verify", "application/json", body.getBytes(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("the request body").doesNotContain("Exception");
        }
    }

    @Test
    void multipartWithMoreThanAThousandPartsIs400() throws Exception {
        HttpResponse<String> response =
                http.post("/api/v1/verify", "multipart/form-data; boundary=b", parts("b", 1_001));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("multipart").doesNotContain("Exception");
    }

    @Test
    void multipartThatNeverEndsIs400() throws Exception {
        byte[] unterminated = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc"
                .getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> response = http.post("/api/v1/verify", "multipart/form-data; boundary=b", unterminated);

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void aThousandPartsAreStillAccepted() throws Exception {
        HttpResponse<String> response =
                http.post("/api/v1/verify", "multipart/form-data; boundary=b", parts("b", 1_000));

        // No file and no code among them: a verdict on an empty code, not a refusal of the form.
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void jettysOwnAnswerToAMalformedRequestLineCarriesTheSecurityHeaders() throws Exception {
        String answer = RawHttp.exchange(app.port(), "GET / HTTP/1.1 extra\r\nHost: v\r\n\r\n");

        assertSecurityHeaders(answer, "HTTP/1.1 400");
    }

    @Test
    void jettysOwnAnswerToABadHeaderCarriesTheSecurityHeaders() throws Exception {
        String answer = RawHttp.exchange(app.port(), "GET / HTTP/1.1\r\nHost: v\r\nBad Header\r\n\r\n");

        assertSecurityHeaders(answer, "HTTP/1.1 400");
    }

    @Test
    void jettysOwnAnswerToABadUriCarriesTheSecurityHeaders() throws Exception {
        String answer = RawHttp.exchange(app.port(), "GET /%zz HTTP/1.1\r\nHost: v\r\n\r\n");

        assertSecurityHeaders(answer, "HTTP/1.1 400");
    }

    private static void assertSecurityHeaders(String answer, String statusLine) {
        assertThat(answer).startsWith(statusLine);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        SecurityHeaders.ALWAYS.forEach((name, value) -> assertThat(head)
                .as(name)
                .contains(name.toLowerCase(java.util.Locale.ROOT) + ": " + value.toLowerCase(java.util.Locale.ROOT)));
        assertThat(answer).doesNotContain("Jetty").doesNotContain("<table>");
    }
}
