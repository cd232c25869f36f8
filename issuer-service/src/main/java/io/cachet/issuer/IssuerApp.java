package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.batch.BatchService;
import io.cachet.core.issue.IssuanceService;
import io.cachet.core.issue.IssuingReadiness;
import io.cachet.core.issue.PreviewService;
import io.cachet.core.registry.Registry;
import io.cachet.core.report.ReportJson;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.verify.VerificationService;
import io.cachet.issuer.ui.IssuerUi;
import io.cachet.issuer.ui.UiSettings;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuing service's HTTP application: every {@code /api/} route behind the OpenID provider's tokens
 * ({@link Access}), core's errors mapped to statuses and problem details (RFC 9457) in one place, and the security
 * headers of the verifier. It holds the office's signing key for its whole life, through {@link IssuanceService}.
 */
public final class IssuerApp {
    private static final Logger LOG = LoggerFactory.getLogger(IssuerApp.class);
    /** Where the OpenAPI description is served, without a token. */
    static final String OPENAPI_PATH = "/api/openapi.yaml";

    static final String OPENAPI_RESOURCE = "issuer/openapi.yaml";
    private static final String OPENAPI = resource(OPENAPI_RESOURCE);

    /** The largest request body: certificate data are a few kilobytes. */
    static final long MAX_REQUEST_BYTES = 256 * 1024;

    /** The largest upload through the pages: a batch file and the few fields of its form. */
    public static final long MAX_UPLOAD_BYTES = BatchDesk.MAX_INPUT_BYTES + 64 * 1024;

    /** How often the checked batches nobody started are looked for. */
    private static final java.time.Duration EXPIRY_ROUND = java.time.Duration.ofMinutes(5);

    private IssuerApp() {}

    /** What the service works with; the key, the registry and the types stay open while it runs. */
    public record Services(
            IssuanceService issuance,
            Registry registry,
            TypeCatalog catalog,
            Path issuedFolder,
            PreviewService preview,
            VerificationService verification,
            Clock clock) {
        public Services {
            requireNonNull(preview, "preview is null");
            requireNonNull(verification, "verification is null");
            requireNonNull(issuance, "issuance is null");
            requireNonNull(registry, "registry is null");
            requireNonNull(catalog, "catalog is null");
            requireNonNull(issuedFolder, "issuedFolder is null");
            requireNonNull(clock, "clock is null");
        }
    }

    /**
     * What each caller may ask of the service.
     *
     * @param requestsPerMinute requests a minute per token subject (0: no limit)
     */
    public record Limits(int requestsPerMinute) {
        public Limits {
            if (requestsPerMinute < 0) {
                throw new IllegalArgumentException("requestsPerMinute is 0 (no limit) or more");
            }
        }

        public static Limits defaults() {
            return new Limits(SubjectRateLimit.DEFAULT_PER_MINUTE);
        }
    }

    public static Javalin create(Services services, TokenVerifier tokens) {
        return create(services, tokens, Limits.defaults());
    }

    public static Javalin create(Services services, TokenVerifier tokens, Limits limits) {
        return create(services, tokens, limits, Optional.empty());
    }

    /**
     * The service; with {@code ui}, also the pages for agents under {@code /ui} (signed in through the same provider,
     * acting through the same {@link CertificateDesk}).
     */
    public static Javalin create(Services services, TokenVerifier tokens, Limits limits, Optional<UiSettings> ui) {
        Access access = new Access(tokens, new SubjectRateLimit(limits.requestsPerMinute()));
        IssuerMetrics metrics = new IssuerMetrics();
        CertificateDesk desk = new CertificateDesk(
                services.issuance(), services.registry(), services.issuedFolder(), services.clock());
        CertificateHandlers certificates = new CertificateHandlers(desk, services.clock());
        BatchStore batchStore = new BatchStore(services.issuedFolder().resolve("batches"));
        BatchService batchService =
                new BatchService(services.catalog(), services.issuance(), services.registry(), services.clock());
        BatchRunner batchRunner = new BatchRunner(batchService, batchStore);
        BatchDesk batchDesk =
                new BatchDesk(services.catalog(), batchService, batchStore, batchRunner, services.registry(), desk);
        BatchHandlers batches = new BatchHandlers(batchDesk);
        Optional<IssuerUi> pages = ui.map(settings -> new IssuerUi(
                settings,
                tokens,
                new IssuerUi.Services(
                        desk,
                        batchDesk,
                        services.catalog(),
                        services.preview(),
                        services.verification(),
                        services.clock())));
        String uiPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors"
                + " 'none'; form-action 'self' " + origin(tokens.settings().issuer());
        TypeHandlers types = new TypeHandlers(services.catalog());
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.http.maxRequestSize = MAX_REQUEST_BYTES;
            javalin.events.serverStarted(() -> {
                batchRunner.resumeUnfinished();
                batchRunner.expireChecked(BatchDesk.UNSTARTED_LIFETIME, EXPIRY_ROUND);
            });
            // A whole batch file through the pages' upload form, held in memory (never in a temporary file).
            javalin.jetty.multipartConfig.maxFileSize(BatchDesk.MAX_INPUT_BYTES, SizeUnit.BYTES);
            javalin.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_BYTES, SizeUnit.BYTES);
            javalin.jetty.multipartConfig.maxInMemoryFileSize((int) MAX_UPLOAD_BYTES, SizeUnit.BYTES);
            javalin.events.serverStopped(batchRunner::close);
            javalin.routes.before(ctx -> securityHeaders(ctx, uiPolicy));
            pages.ifPresent(page -> page.register(javalin));
            javalin.routes.before("/api/v1/*", access::authenticate);

            javalin.routes.after(metrics::count);
            javalin.routes.get("/health", ctx -> health(ctx, services, tokens));
            javalin.routes.get("/metrics", metrics::scrape);
            javalin.routes.get(
                    OPENAPI_PATH, ctx -> ctx.contentType("application/yaml").result(OPENAPI));
            javalin.routes.get("/api/v1/types", types::list);
            javalin.routes.post("/api/v1/certificates", certificates::issue);
            javalin.routes.get("/api/v1/certificates", certificates::search);
            javalin.routes.get("/api/v1/certificates/{id}", certificates::get);
            javalin.routes.get("/api/v1/certificates/{id}/pdf", certificates::pdf);
            javalin.routes.post(
                    "/api/v1/certificates/{id}/suspend", ctx -> certificates.change(ctx, Registry.Change.SUSPEND));
            javalin.routes.post(
                    "/api/v1/certificates/{id}/reinstate", ctx -> certificates.change(ctx, Registry.Change.REINSTATE));
            javalin.routes.post(
                    "/api/v1/certificates/{id}/revoke", ctx -> certificates.change(ctx, Registry.Change.REVOKE));
            javalin.routes.post("/api/v1/certificates/{id}/reissue", certificates::reissue);
            javalin.routes.post("/api/v1/batches", batches::start);
            javalin.routes.get("/api/v1/batches/{id}", batches::status);

            javalin.routes.exception(
                    HttpResponseException.class,
                    (e, ctx) -> answer(ctx, pages, e.getStatus(), e.getMessage(), List.of()));
            javalin.routes.exception(
                    CachetException.class,
                    (e, ctx) -> answer(ctx, pages, status(e.kind()), e.getMessage(), e.problems()));
            javalin.routes.exception(Exception.class, (e, ctx) -> {
                // The type only: a message could quote input (holder data), which must not reach the logs.
                LOG.error("unexpected {} on {} {}", e.getClass().getName(), ctx.method(), ctx.path());
                answer(ctx, pages, 500, "an unexpected error occurred; it has been logged", List.of());
            });
            javalin.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    answer(ctx, pages, 404, "there is nothing at this address", List.of());
                }
            });
        });
    }

    /** Core's error kinds as HTTP statuses: the one mapping of the service. */
    static int status(CachetException.Kind kind) {
        return switch (kind) {
            case USAGE -> 400;
            case INVALID_INPUT -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case CONFIGURATION, BUSY -> 503;
            case INTERNAL -> 500;
        };
    }

    /**
     * Ready only when the registry answers, the signing key signs, the timestamp authority answers (both checked at
     * most once a minute) and the provider's keys could be read. Each part says why it is down; no holder data.
     */
    private static void health(Context ctx, Services services, TokenVerifier tokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> components = new LinkedHashMap<>();
        boolean up = true;
        try {
            services.registry().statusListSize();
            components.put("registry", component(true, "answers"));
        } catch (RuntimeException e) {
            components.put("registry", component(false, "does not answer: " + e.getMessage()));
            up = false;
        }
        IssuingReadiness.Result issuing = services.issuance().readiness();
        for (IssuingReadiness.Component part : issuing.components()) {
            components.put(part.name(), component(part.up(), part.detail()));
        }
        up &= issuing.up();
        boolean provider = tokens.ready() || tokens.warmUp();
        components.put("openIdProvider", component(provider, provider ? "keys read" : "keys cannot be read"));
        up &= provider;
        body.put("status", up ? "UP" : "DOWN");
        body.put("components", components);
        body.put("issuingCheckedAt", issuing.checkedAt().toString());
        ctx.header("Cache-Control", "no-store");
        ctx.status(up ? 200 : 503)
                .contentType("application/json")
                .result(ReportJson.toText(ReportJson.mapper().valueToTree(body)));
    }

    private static Map<String, Object> component(boolean up, String detail) {
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("status", up ? "UP" : "DOWN");
        component.put("detail", detail);
        return component;
    }

    private static String resource(String name) {
        try (java.io.InputStream in = IssuerApp.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An error: a page for the pages, a problem document for the API. */
    private static void answer(
            Context ctx, Optional<IssuerUi> pages, int status, String detail, List<String> problems) {
        if (pages.isPresent() && IssuerUi.isPage(ctx)) {
            pages.get().error(ctx, status, detail);
        } else {
            problem(ctx, status, detail, problems);
        }
    }

    private static String origin(java.net.URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static void securityHeaders(Context ctx, String uiPolicy) {
        ctx.header(
                "Content-Security-Policy",
                IssuerUi.isPage(ctx) ? uiPolicy : "default-src 'none'; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    private static void problem(Context ctx, int status, String detail, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        ctx.status(status)
                .contentType("application/problem+json")
                .result(ReportJson.toText(ReportJson.mapper().valueToTree(body)));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
