package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.services.CachetServices;
import io.cachet.issuer.ui.UiSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages' door over plain HTTP, as a hostile client sees it: no page without a session, a sign-in that starts
 * with PKCE and a state, a forged callback refused without a session, forms refused without a session, the pages'
 * security headers.
 */
class IssuerUiHttpTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path folder;

    static NodeOpenIdProvider provider;
    static CachetServices services;
    static Javalin app;
    static String origin;

    @BeforeAll
    static void start() throws Exception {
        provider = NodeOpenIdProvider.start(folder, List.of(), List.of(), List.of("http://127.0.0.1:1/ui/callback"));
        services = IssuerHomes.create(folder);
        OidcSettings oidc = new OidcSettings(provider.issuer(), NodeOpenIdProvider.AUDIENCE, List.of("roles"));
        UiSettings ui = new UiSettings(
                NodeOpenIdProvider.UI_CLIENT_ID,
                Optional.empty(),
                URI.create("http://127.0.0.1:1"),
                Duration.ofMinutes(30));
        app = IssuerApp.create(
                        IssuerHomes.of(services, folder),
                        TokenVerifier.of(oidc, Clock.systemUTC()),
                        IssuerApp.Limits.defaults(),
                        Optional.of(ui))
                .start("127.0.0.1", 0);
        origin = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        app.stop();
        provider.close();
    }

    @Test
    void aPageWithoutASessionSendsToSignInAndBackToItself() throws Exception {
        HttpResponse<String> page = get("/ui/certificates?name=martin", null);

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(URLDecoder.decode(page.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("/ui/sign-in?return=/ui/certificates?name=martin");
    }

    @Test
    void signingInStartsTheCodeFlowWithPkceAStateAndABrowserBinding() throws Exception {
        HttpResponse<String> start = get("/ui/sign-in?return=https://evil.example/", null);

        assertThat(start.statusCode()).isEqualTo(303);
        String location = start.headers().firstValue("Location").orElseThrow();
        assertThat(location)
                .startsWith(provider.issuer().toString())
                .contains("response_type=code")
                .contains("code_challenge_method=S256")
                .contains("code_challenge=")
                .contains("state=")
                .contains("nonce=")
                .contains("client_id=" + NodeOpenIdProvider.UI_CLIENT_ID);
        assertThat(start.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("cachet_ui_signin=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
    }

    @Test
    void aForgedCallbackIsRefusedAndOpensNoSession() throws Exception {
        HttpResponse<String> callback = get("/ui/callback?state=forged&code=stolen", "cachet_ui_signin=whatever");

        assertThat(callback.statusCode()).isEqualTo(401);
        assertThat(callback.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(callback.body()).contains("10 minutes");
        assertThat(callback.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("cachet_ui="));
    }

    @Test
    void aFormPostedWithoutASessionIssuesNothing() throws Exception {
        long before = IssuerHomes.certificates(services);
        HttpResponse<String> post = HTTP.send(
                HttpRequest.newBuilder(URI.create(origin + "/ui/issue/visa-validation"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", "cachet_ui=forged-session")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "_csrf=x&issueKey=3f1c1e9a-1b2c-4d5e-8f90-123456789abc&holder.familyName=X"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(303);
        assertThat(IssuerHomes.certificates(services)).isEqualTo(before);
    }

    @Test
    void thePagesAllowNoScriptAndNoFraming() throws Exception {
        HttpResponse<String> page = get("/ui/signed-out", null);

        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("default-src 'none'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("script-src");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("lang=\"fr\"");
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
