package io.cachet.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.budget.Cancellation;
import io.cachet.core.report.ReportJson;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.types.DataJson;
import io.cachet.core.verify.StatusAtInput;
import io.cachet.core.verify.VerificationService;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP handlers that verify: adapt requests to {@link VerificationService} and present its reports; no logic of
 * their own. Files are read into memory, handed to core (which tells PDF, PNG and JPEG apart by content, never by
 * name) and dropped: nothing is stored. A file is verified within core's budget; if the client hangs up meanwhile,
 * the verification is cancelled.
 */
final class VerifyHandlers {
    private final VerificationService verification;
    private final Pages pages;
    private final RequestLimits limits;

    VerifyHandlers(VerificationService verification, Pages pages, RequestLimits limits) {
        this.verification = verification;
        this.pages = pages;
        this.limits = limits;
    }

    void home(Context ctx) {
        ctx.html(pages.home(locale(ctx)));
    }

    /**
     * The no-JavaScript form: a pasted code ({@code code}) or an uploaded file ({@code file}), and optionally the date
     * the status is asked for ({@code statusAt}).
     */
    void verifyForm(Context ctx) throws IOException {
        VerificationReport report = verifyRequest(ctx);
        SecurityHeaders.noStore(ctx);
        ctx.html(pages.result(locale(ctx), report, verifiedCode(ctx)));
    }

    /**
     * {@code POST /api/v1/verify}: JSON {@code {"code": "...", "statusAt": "..."}} or a multipart {@code file} (and
     * {@code statusAt} field).
     */
    void verifyApi(Context ctx) throws IOException {
        VerificationReport report = verifyRequest(ctx);
        SecurityHeaders.noStore(ctx);
        ctx.contentType("application/json").result(ReportJson.toText(ReportJson.toJson(report)));
    }

    private VerificationReport verifyRequest(Context ctx) throws IOException {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/form-data")) {
            UploadedFile file = limits.uploadedFile(ctx, "file");
            if (file != null && file.size() > 0) {
                limits.checkUpload(file.size());
                byte[] bytes;
                try (InputStream in = file.content()) {
                    bytes = in.readAllBytes();
                }
                return verifyFile(ctx, bytes, statusAt(ctx.formParam("statusAt")));
            }
            return verification.verifyCode(ctx.formParam("code"), statusAt(ctx.formParam("statusAt")));
        }
        if (contentType.startsWith("application/json")) {
            JsonNode body;
            try {
                // Strict, as for certificate data: duplicate keys, deep nesting and trailing text are refused.
                body = DataJson.parse(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8), "the request body");
            } catch (CachetException e) {
                throw new BadRequestResponse(e.getMessage());
            }
            if (body == null || !body.isObject() || !body.path("code").isTextual()) {
                throw new BadRequestResponse("expected a JSON object with a text field \"code\"");
            }
            JsonNode statusAt = body.path("statusAt");
            if (!statusAt.isMissingNode() && !statusAt.isNull() && !statusAt.isTextual()) {
                throw new BadRequestResponse(
                        "\"statusAt\" must be a text: a date, an instant or a date-time with offset");
            }
            return verification.verifyCode(
                    body.get("code").asText(), statusAt(statusAt.isTextual() ? statusAt.asText() : null));
        }
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return verification.verifyCode(ctx.formParam("code"), statusAt(ctx.formParam("statusAt")));
        }
        throw new BadRequestResponse("send JSON {\"code\": …}, a form field 'code' or a multipart file 'file'");
    }

    /** The code a form verified, when it sent no file: the result page offers to check it at another date. */
    private Optional<String> verifiedCode(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/form-data")) {
            UploadedFile file = limits.uploadedFile(ctx, "file");
            if (file != null && file.size() > 0) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(ctx.formParam("code")).filter(code -> !code.isBlank());
    }

    /** Verifies an uploaded file, cancelling the verification if the client goes away before its answer. */
    private VerificationReport verifyFile(Context ctx, byte[] bytes, Optional<Instant> statusAt) {
        Cancellation cancellation = new Cancellation();
        ClientDisconnect.Watch watch = ClientDisconnect.watch(ctx, cancellation);
        try {
            return verification.verifyFile(bytes, cancellation, statusAt);
        } finally {
            watch.close();
            if (watch.mustCloseConnection()) {
                ctx.header("Connection", "close");
            }
        }
    }

    /**
     * The status-at date asked, if any: absent or empty (a form's empty date field) means now; anything else is read
     * by {@link StatusAtInput} (a usage error, 400, when it is not a date).
     */
    private static Optional<Instant> statusAt(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(StatusAtInput.parse(value));
    }

    /**
     * The page language: {@code ?lang=en} or French. Read from the query only, never from the body, so that an
     * error page can be written without reading a body that was refused.
     */
    static Locale locale(Context ctx) {
        return "en".equals(ctx.queryParam("lang")) ? Locale.ENGLISH : Locale.FRENCH;
    }
}
