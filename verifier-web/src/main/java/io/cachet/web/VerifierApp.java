package io.cachet.web;

import static java.util.Objects.requireNonNull;

import io.cachet.core.status.StatusListSource;
import io.cachet.core.verify.VerificationService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web verifier: pages for people and a JSON API for systems, over core's {@link VerificationService}. Holds no
 * private key. Routes, headers and error mapping are all declared here.
 */
public final class VerifierApp {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierApp.class);

    private VerifierApp() {}

    public static Javalin create(VerificationService verification, VerifierConfig config) {
        return create(verification, config, StatusListSource.none());
    }

    /** As {@link #create(VerificationService, VerifierConfig)}, also serving the office's signed status list. */
    public static Javalin create(VerificationService verification, VerifierConfig config, StatusListSource statusList) {
        requireNonNull(verification, "verification is null");
        requireNonNull(statusList, "statusList is null");
        requireNonNull(config, "config is null");
        Pages pages = new Pages();
        VerifyHandlers handlers = new VerifyHandlers(verification, pages);
        StatusListHandler statusListHandler = new StatusListHandler(statusList);
        return Javalin.create(javalin -> {
            javalin.http.maxRequestSize = config.maxRequestBytes();
            javalin.startup.showJavalinBanner = false;
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/web/assets";
                files.location = Location.CLASSPATH;
            });
            javalin.routes.before(SecurityHeaders::apply);
            javalin.routes.get("/", handlers::home);
            javalin.routes.post("/verify", handlers::verifyForm);
            javalin.routes.post("/api/v1/verify", handlers::verifyApi);
            javalin.routes.get("/health", handlers::health);
            javalin.routes.get("/api/v1/status-list", statusListHandler::get);
            javalin.routes.exception(
                    HttpResponseException.class, (e, ctx) -> problem(ctx, e.getStatus(), e.getMessage(), pages));
            javalin.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                problem(ctx, 500, "an unexpected error occurred; it has been logged", pages);
            });
        });
    }

    /** Problem details (RFC 9457) for API clients, a friendly page for people; never a stack trace. */
    private static void problem(Context ctx, int status, String detail, Pages pages) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            ctx.contentType("application/problem+json")
                    .result(io.cachet.core.report.ReportJson.toText(io.cachet.core.report.ReportJson.mapper()
                            .valueToTree(Map.of(
                                    "type",
                                    "about:blank",
                                    "title",
                                    title(status),
                                    "status",
                                    status,
                                    "detail",
                                    detail))));
        } else {
            ctx.html(pages.error(VerifyHandlers.locale(ctx), detail));
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 413 -> "Content Too Large";
            default -> "Error";
        };
    }
}
