package io.cachet.web;

import io.cachet.core.report.ReportJson;
import io.cachet.core.verify.VerificationService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The API's other endpoints: trust list, OpenAPI description, health and metrics. No logic of their own. */
final class ApiHandlers {
    static final String OPENAPI_RESOURCE = "web/openapi.yaml";

    private final VerificationService verification;
    private final Pages pages;
    private final WebMetrics metrics;
    private final String openApi;

    /** @param baseUrl the public address, written as the OpenAPI server when set; else the relative {@code /} */
    ApiHandlers(VerificationService verification, Pages pages, WebMetrics metrics, String baseUrl) {
        this.verification = verification;
        this.pages = pages;
        this.metrics = metrics;
        String yaml = resource(OPENAPI_RESOURCE);
        this.openApi = baseUrl.isBlank() ? yaml : yaml.replace("\n  - url: /\n", "\n  - url: " + baseUrl + "\n");
    }

    void trustList(Context ctx) {
        ctx.contentType("application/json").result(ReportJson.toText(TrustListJson.of(verification.trust())));
    }

    void openApiYaml(Context ctx) {
        ctx.contentType("application/yaml; charset=utf-8").result(openApi);
    }

    void openApiPage(Context ctx) {
        ctx.html(pages.apiDocs(VerifyHandlers.locale(ctx), openApi));
    }

    /**
     * Ready only when the trust store can verify a certificate: a pinned root, at least one signer and at least one
     * timestamp anchor (without one, every PDF signature timestamp is refused).
     */
    void health(Context ctx) {
        int anchors = verification.trust().anchors().size();
        int signers = verification.trust().signers().size();
        int timestampAnchors = verification.trust().timestampAnchors().size();
        boolean ready = anchors > 0 && signers > 0 && timestampAnchors > 0;
        SecurityHeaders.noStore(ctx);
        ctx.status(ready ? 200 : 503)
                .json(Map.of(
                        "status",
                        ready ? "UP" : "DOWN",
                        "trustAnchors",
                        anchors,
                        "trustedSigners",
                        signers,
                        "timestampAnchors",
                        timestampAnchors));
    }

    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private static String resource(String name) {
        try (InputStream in = ApiHandlers.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
