package io.cachet.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.budget.Cancellation;
import io.cachet.core.report.CertificateFacts;
import io.cachet.core.report.ReportJson;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.types.DataJson;
import io.cachet.core.verify.CertificateDescriber;
import io.cachet.core.verify.ReportPdf;
import io.cachet.core.verify.StatusAtInput;
import io.cachet.core.verify.VerificationService;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VerifyHandlers.class);
    private final VerificationService verification;
    private final Pages pages;
    private final RequestLimits limits;
    private final CertificateDescriber describer;
    private final Optional<ReportPdf> reports;

    VerifyHandlers(
            VerificationService verification,
            Pages pages,
            RequestLimits limits,
            CertificateDescriber describer,
            Optional<ReportPdf> reports) {
        this.verification = verification;
        this.pages = pages;
        this.limits = limits;
        this.describer = describer;
        this.reports = reports;
    }

    void home(Context ctx) {
        ctx.html(pages.home(locale(ctx)));
    }

    /**
     * The no-JavaScript form: a pasted code ({@code code}) or an uploaded file ({@code file}), and optionally the date
     * the status is asked for ({@code statusAt}).
     */
    void verifyForm(Context ctx) throws IOException {
        Verified verified = verifyRequest(ctx);
        SecurityHeaders.noStore(ctx);
        Locale locale = locale(ctx);
        ctx.html(pages.result(
                locale,
                verified.report(),
                facts(verified.report(), locale),
                reports.map(any -> verified.resend()),
                verified.resend().code().filter(code -> !code.isBlank())));
    }

    /**
     * {@code POST /api/v1/verify}: JSON {@code {"code": "...", "statusAt": "..."}} or a multipart {@code file} (and
     * {@code statusAt} field).
     */
    void verifyApi(Context ctx) throws IOException {
        Locale locale = ReaderLanguage.of(ctx);
        VerificationReport report = verifyRequest(ctx).report();
        SecurityHeaders.noStore(ctx);
        ctx.contentType("application/json").result(ReportJson.toCompactBytes(report, facts(report, locale)));
    }

    /** What the report's certificate certifies, labelled in the reader's language. */
    private Optional<CertificateFacts> facts(VerificationReport report, Locale locale) {
        return report.certificate().map(certificate -> describer.describe(certificate, locale));
    }

    /**
     * {@code POST /report} (the result page's button) and {@code POST /api/v1/report}: the same inputs as a
     * verification, answered with the verification report as a PDF signed with the verifier's report key; 501 when
     * this verifier has none.
     */
    void report(Context ctx) throws IOException {
        if (reports.isEmpty()) {
            throw new HttpResponseException(
                    501,
                    "this verifier has no report-signing key: signed reports are not offered here (its operator can"
                            + " install one made by `cachet keys add-verifier`, see docs/verifier.md)");
        }
        Locale locale = ctx.path().startsWith("/api/") ? ReaderLanguage.of(ctx) : locale(ctx);
        Verified verified = verifyRequest(ctx);
        byte[] pdf = reports.get().write(verified.report(), verified.input(), verified.name(), locale);
        requireVerifiable(pdf);
        SecurityHeaders.noStore(ctx);
        String file = (locale.getLanguage().equals("en") ? "verification-report-" : "rapport-de-verification-")
                + verified.report().checkedAt().toString().replaceAll("[^0-9TZ]", "") + ".pdf";
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ctx.contentType("application/pdf").result(pdf);
    }

    /**
     * A signed report is handed out only when this verifier itself recognises it as a valid report: a report key
     * missing from the trust material, or a timestamp authority whose tokens verifiers refuse, would otherwise give
     * a court a report that says it is not authentic. The reason goes to the client and the log: it names settings,
     * never holder data.
     */
    private void requireVerifiable(byte[] pdf) {
        VerificationReport check = verification.verifyFile(pdf);
        if (!check.isVerificationReport() || check.verdict() != io.cachet.core.report.Verdict.VALID) {
            String reasons = check.reasons().stream().map(Enum::name).toList().toString();
            LOG.error("a signed report did not verify with this verifier's own trust material: {}", reasons);
            throw new HttpResponseException(
                    503,
                    "this verifier's signed report does not verify with its own trust material " + reasons
                            + ": its report key must be certified by the root and listed among the verifiers"
                            + " (trust/verifiers/ or the trust list), and its report-tsa-url must answer tokens"
                            + " from a trusted timestamp authority; no report was sent (see docs/verifier.md)");
        }
    }

    /**
     * What was verified: the report, the bytes checked (a file's, or the code's text) and their name, and how the
     * result page can send the same input again for a signed report.
     */
    record Verified(VerificationReport report, byte[] input, String name, ReportResend resend) {}

    private Verified verifyRequest(Context ctx) throws IOException {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/form-data")) {
            UploadedFile file = limits.uploadedFile(ctx, "file");
            Optional<String> statusAt = statusAtText(ctx.formParam("statusAt"));
            if (file != null && file.size() > 0) {
                limits.checkUpload(file.size());
                byte[] bytes;
                try (InputStream in = file.content()) {
                    bytes = in.readAllBytes();
                }
                return file(ctx, bytes, file.filename(), statusAt);
            }
            String resent = ctx.formParam(ReportResend.FILE_FIELD);
            if (resent != null && !resent.isEmpty()) {
                return file(ctx, ReportResend.decode(resent, limits), "file", statusAt);
            }
            return code(ctx.formParam("code"), statusAt);
        }
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            Optional<String> statusAt = statusAtText(ctx.formParam("statusAt"));
            String resent = ctx.formParam(ReportResend.FILE_FIELD);
            if (resent != null && !resent.isEmpty()) {
                return file(ctx, ReportResend.decode(resent, limits), "file", statusAt);
            }
            return code(ctx.formParam("code"), statusAt);
        }
        if (!contentType.startsWith("application/json")) {
            throw new BadRequestResponse("send JSON {\"code\": …}, a form field 'code' or a multipart file 'file'");
        }
        JsonNode body;
        try {
            // Strict, as for certificate data: duplicate keys, deep nesting and trailing text are refused.
            body = DataJson.parse(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8), "the request body");
        } catch (CachetException e) {
            // The request's own syntax, not data it carries: 400 (RFC 9110 §15.5.1), not invalid input's 422.
            throw new BadRequestResponse(e.getMessage());
        }
        if (body == null || !body.isObject() || !body.path("code").isTextual()) {
            throw new BadRequestResponse("expected a JSON object with a text field \"code\"");
        }
        JsonNode statusAt = body.path("statusAt");
        if (!statusAt.isMissingNode() && !statusAt.isNull() && !statusAt.isTextual()) {
            throw new BadRequestResponse("\"statusAt\" must be a text: a date, an instant or a date-time with offset");
        }
        return code(body.get("code").asText(), statusAtText(statusAt.isTextual() ? statusAt.asText() : null));
    }

    private Verified file(Context ctx, byte[] bytes, String name, Optional<String> statusAt) {
        return new Verified(
                verifyFile(ctx, bytes, statusAt.map(StatusAtInput::parse)),
                bytes,
                ReportResend.safeName(name),
                ReportResend.ofFile(bytes, statusAt));
    }

    private Verified code(String code, Optional<String> statusAt) {
        String text = code == null ? "" : code;
        return new Verified(
                verification.verifyCode(code, statusAt.map(StatusAtInput::parse)),
                text.getBytes(StandardCharsets.UTF_8),
                "code",
                ReportResend.ofCode(text, statusAt));
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
     * The status-at date asked, as sent, if any: absent or empty (a form's empty date field) means now; anything else
     * is read by {@link StatusAtInput} (a usage error, 400, when it is not a date).
     */
    private static Optional<String> statusAtText(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * The page language: {@code ?lang=en} or French. Read from the query only, never from the body, so that an
     * error page can be written without reading a body that was refused.
     */
    static Locale locale(Context ctx) {
        return "en".equals(ctx.queryParam("lang")) ? Locale.ENGLISH : Locale.FRENCH;
    }
}
