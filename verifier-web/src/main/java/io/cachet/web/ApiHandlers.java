package io.cachet.web;

import io.cachet.core.report.ReportJson;
import io.cachet.core.verify.VerificationService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

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

    /** Ready, and what the trust is and where it comes from ({@link TrustHealth}). */
    void health(Context ctx) {
        Instant now = Instant.now();
        SecurityHeaders.noStore(ctx);
        ctx.status(TrustHealth.ready(verification.trustSource(), now) ? 200 : 503)
                .json(TrustHealth.body(verification.trustSource(), now));
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
