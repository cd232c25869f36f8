package io.cachet.web;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.report.ReportJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes an HTTP answer: problem details (RFC 9457) for API clients, a friendly page
 * for people, never a stack trace. A {@link CachetException} thrown by any handler is answered with the status of its
 * kind ({@link #status}); handlers map nothing themselves.
 */
final class ErrorAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    private final Pages pages;
    private final RequestLimits limits;
    private final long retryAfterSeconds;

    /**
     * @param retryAfterSeconds what a busy verifier asks clients to wait before trying again ({@code Retry-After})
     */
    ErrorAnswers(Pages pages, RequestLimits limits, long retryAfterSeconds) {
        this.pages = requireNonNull(pages, "pages is null");
        this.limits = requireNonNull(limits, "limits is null");
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be at least 1: " + retryAfterSeconds);
        }
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The HTTP status for each kind of domain error, as documented on {@link CachetException.Kind}. */
    static int status(CachetException.Kind kind) {
        return switch (kind) {
            case USAGE -> 400; // e.g. a status-at date in the future
            case INVALID_INPUT -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case CONFIGURATION, BUSY -> 503;
            case INTERNAL -> 500;
        };
    }

    /** Installs the exception and error-status handlers on the app's routes. */
    void install(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, e.getStatus(), e.getMessage()));
        routes.exception(CachetException.class, this::cachet);
        routes.exception(Exception.class, (e, ctx) -> {
            if (RequestLimits.isSizeLimit(e)) {
                problem(ctx, 413, limits.tooLarge().getMessage());
                return;
            }
            unexpected(e, ctx);
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null) {
                problem(ctx, 404, "there is nothing at this address");
            }
        });
        routes.error(405, ctx -> {
            if (ctx.result() == null) {
                problem(ctx, 405, "this address does not accept " + ctx.method());
            }
        });
    }

    private void cachet(CachetException e, Context ctx) {
        int status = status(e.kind());
        switch (e.kind()) {
            case BUSY -> {
                // Every verification worker busy and the queue full: come back when one has surely finished.
                ctx.header("Retry-After", String.valueOf(retryAfterSeconds));
                problem(
                        ctx,
                        status,
                        "the verifier is busy checking other files: try again in " + retryAfterSeconds + " s");
            }
            case CONFIGURATION -> {
                // The message names the server's own files or database: for its operator, not for the client.
                LOG.error("configuration error on {} {}", ctx.method(), ctx.path());
                problem(
                        ctx,
                        status,
                        "a resource this service needs (its registry or configuration) is unavailable;"
                                + " try again later");
            }
            case INTERNAL -> unexpected(e, ctx);
            case USAGE, INVALID_INPUT, NOT_FOUND, CONFLICT -> problem(ctx, status, e.getMessage(), e.problems());
        }
    }

    private void unexpected(Exception e, Context ctx) {
        // The type and message only: a message could quote input, so no stack trace with values in logs.
        LOG.error("unexpected {} on {} {}", e.getClass().getName(), ctx.method(), ctx.path());
        problem(ctx, 500, "an unexpected error occurred; it has been logged");
    }

    private void problem(Context ctx, int status, String detail) {
        problem(ctx, status, detail, List.of());
    }

    /**
     * Answers {@code status}: problem details for the API, {@code /metrics} and {@code /health} (with the individual
     * {@code problems} of invalid input, when there are any), else the error page in the reader's language.
     */
    private void problem(Context ctx, int status, String detail, List<String> problems) {
        ctx.status(status);
        SecurityHeaders.noStore(ctx);
        if (ctx.path().startsWith("/api/")
                || ctx.path().equals("/metrics")
                || ctx.path().equals("/health")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", title(status));
            body.put("status", status);
            body.put("detail", detail);
            if (!problems.isEmpty()) {
                body.put("problems", problems);
            }
            ctx.contentType("application/problem+json")
                    .result(ReportJson.toText(ReportJson.mapper().valueToTree(body)));
        } else {
            ctx.html(pages.error(VerifyHandlers.locale(ctx), status, detail));
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
