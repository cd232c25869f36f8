package io.cachet.web;

import static java.util.Objects.requireNonNull;

import io.cachet.core.registry.Registry;
import io.cachet.core.status.StatusListSource;
import io.cachet.core.verify.CertificateDescriber;
import io.cachet.core.verify.ReportPdf;
import io.cachet.core.verify.VerificationService;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The web verifier: pages for people and a JSON API for systems, over core's {@link VerificationService}. Holds no
 * private key. Routes, guards, headers and error mapping are all declared here.
 */
public final class VerifierApp {
    private VerifierApp() {}

    public static Javalin create(VerificationService verification, VerifierConfig config) {
        return create(verification, config, StatusListSource.none());
    }

    /** As {@link #create(VerificationService, VerifierConfig)}, also serving the office's signed status list. */
    public static Javalin create(VerificationService verification, VerifierConfig config, StatusListSource statusList) {
        return create(verification, config, statusList, Optional.empty());
    }

    /**
     * As {@link #create(VerificationService, VerifierConfig, StatusListSource)}, also serving certificate records
     * from {@code registry}, when given, to API clients with a key ({@code GET /api/v1/certificates/{id}}).
     */
    public static Javalin create(
            VerificationService verification,
            VerifierConfig config,
            StatusListSource statusList,
            Optional<Registry> registry) {
        return create(verification, config, statusList, registry, CertificateDescriber.bundledOrNone());
    }

    /**
     * As {@link #create(VerificationService, VerifierConfig, StatusListSource, Optional)}, labelling what the seals
     * certify with {@code describer} (the home's certificate types; by default the bundled ones).
     */
    public static Javalin create(
            VerificationService verification,
            VerifierConfig config,
            StatusListSource statusList,
            Optional<Registry> registry,
            CertificateDescriber describer) {
        return create(verification, config, statusList, registry, describer, Optional.empty());
    }

    /**
     * As {@link #create(VerificationService, VerifierConfig, StatusListSource, Optional, CertificateDescriber)},
     * also signing verification reports with {@code reports}, when given ({@code POST /report},
     * {@code POST /api/v1/report}; 501 without).
     */
    public static Javalin create(
            VerificationService verification,
            VerifierConfig config,
            StatusListSource statusList,
            Optional<Registry> registry,
            CertificateDescriber describer,
            Optional<ReportPdf> reports) {
        requireNonNull(reports, "reports is null");
        requireNonNull(describer, "describer is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(verification, "verification is null");
        requireNonNull(statusList, "statusList is null");
        requireNonNull(config, "config is null");
        Pages pages = new Pages(config.maxRequestBytes());
        ClientAddress clients = new ClientAddress(config.trustedProxies());
        RequestLimits limits = new RequestLimits(config.maxRequestBytes());
        RateLimiter rateLimiter = new RateLimiter(config.rateLimitPerMinute(), clients);
        SecurityHeaders headers = new SecurityHeaders(clients);
        WebMetrics metrics = new WebMetrics();
        metrics.bindTrust(verification.trustSource());
        VerifyHandlers verify = new VerifyHandlers(verification, pages, limits, describer, reports);
        ApiHandlers api = new ApiHandlers(verification, pages, metrics, config.baseUrl());
        int inMemory = (int) Math.min(config.maxRequestBytes(), Integer.MAX_VALUE - 8);
        StatusListHandler statusListHandler = new StatusListHandler(statusList);
        RefusedKeyAudit refusedKeys = new RefusedKeyAudit();
        CertificatesHandler certificates = new CertificatesHandler(registry, Clock.systemUTC(), refusedKeys);
        VerifierConfig.Connections connections = config.connections();
        RequestGate gate = new RequestGate();
        // A busy verifier asks clients to come back when a verification has surely finished (its time budget).
        long retryAfterSeconds = Math.max(1, (verification.budget().timeBudget().toMillis() + 999) / 1000);
        ErrorAnswers errors = new ErrorAnswers(pages, limits, retryAfterSeconds);
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            // Bodies are bounded while read as well as by Content-Length (RequestLimits), and multipart files stay
            // in memory (threshold = limit): an upload never touches the disk.
            javalin.http.maxRequestSize = config.maxRequestBytes();
            javalin.jetty.multipartConfig.maxFileSize(config.maxRequestBytes(), SizeUnit.BYTES);
            javalin.jetty.multipartConfig.maxTotalRequestSize(config.maxRequestBytes(), SizeUnit.BYTES);
            javalin.jetty.multipartConfig.maxInMemoryFileSize(inMemory, SizeUnit.BYTES);
            javalin.jetty.threadPool = threadPool(connections.maxThreads());
            javalin.jetty.modifyHttpConfiguration(http -> {
                // Also checked by the servlet layer while the application reads a body (BodyFirst checks before).
                http.setMinRequestDataRate(connections.minRequestBytesPerSecond());
                http.setIdleTimeout(connections.idleTimeout().toMillis());
            });
            javalin.jetty.modifyServer(server -> JettySetup.apply(server, config, gate, metrics, clients));
            javalin.events.serverStopped(refusedKeys::close);
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/web/assets";
                files.location = Location.CLASSPATH;
            });
            // The access log and the request metrics are written by Jetty (AccessLog), for every request.

            javalin.routes.before(headers::apply);
            javalin.routes.before(limits::check);
            javalin.routes.before(Routes.VERIFY_FORM, rateLimiter::check);
            javalin.routes.before("/api/v1/*", rateLimiter::check);
            javalin.routes.before(Routes.REPORT_FORM, rateLimiter::check);
            javalin.routes.before(Routes.REPORT_FORM, limits::parseMultipart);
            javalin.routes.before(Routes.REPORT_API, limits::parseMultipart);
            javalin.routes.before(Routes.VERIFY_FORM, limits::parseMultipart);
            javalin.routes.before(Routes.VERIFY_API, limits::parseMultipart);

            javalin.routes.get(Routes.HOME, verify::home);
            javalin.routes.post(Routes.VERIFY_FORM, verify::verifyForm);
            javalin.routes.post(Routes.VERIFY_API, verify::verifyApi);
            javalin.routes.post(Routes.REPORT_FORM, verify::report);
            javalin.routes.post(Routes.REPORT_API, verify::report);
            javalin.routes.get(Routes.TRUST_LIST, api::trustList);
            javalin.routes.get(Routes.STATUS_LIST, statusListHandler::get);
            javalin.routes.get(Routes.CERTIFICATE, certificates::get);
            javalin.routes.get(Routes.OPENAPI_YAML, api::openApiYaml);
            javalin.routes.get(Routes.API_DOCS, api::openApiPage);
            javalin.routes.get(Routes.HEALTH, api::health);
            javalin.routes.get(Routes.METRICS, api::metrics);

            errors.install(javalin.routes);
        });
    }

    private static QueuedThreadPool threadPool(int maxThreads) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, 8, 60_000);
        pool.setName("cachet-web");
        return pool;
    }
}
