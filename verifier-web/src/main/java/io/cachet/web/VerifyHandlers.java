package io.cachet.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.report.ReportJson;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.verify.VerificationService;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** The HTTP handlers: adapt requests to {@link VerificationService} and present its reports; no logic of their own. */
final class VerifyHandlers {
    private final VerificationService verification;
    private final Pages pages;

    VerifyHandlers(VerificationService verification, Pages pages) {
        this.verification = verification;
        this.pages = pages;
    }

    void home(Context ctx) {
        ctx.html(pages.home(locale(ctx)));
    }

    /** The no-JavaScript form: a pasted code ({@code code}) or an uploaded file ({@code file}). */
    void verifyForm(Context ctx) throws IOException {
        VerificationReport report = verifyRequest(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.html(pages.result(locale(ctx), report));
    }

    /** {@code POST /api/v1/verify}: JSON {@code {"code": "..."}} or a multipart {@code file}. */
    void verifyApi(Context ctx) throws IOException {
        VerificationReport report = verifyRequest(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(ReportJson.toText(ReportJson.toJson(report)));
    }

    void health(Context ctx) {
        ctx.json(java.util.Map.of(
                "status", "UP", "trustedSigners", verification.trust().signers().size()));
    }

    private VerificationReport verifyRequest(Context ctx) throws IOException {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/form-data")) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file != null && file.size() > 0) {
                try (InputStream in = file.content()) {
                    return verification.verifyFile(in.readAllBytes());
                }
            }
            return verification.verifyCode(ctx.formParam("code"));
        }
        if (contentType.startsWith("application/json")) {
            JsonNode body;
            try {
                body = ReportJson.mapper().readTree(ctx.bodyAsBytes());
            } catch (IOException e) {
                throw new BadRequestResponse("the body is not valid JSON");
            }
            if (body == null || !body.isObject() || !body.path("code").isTextual()) {
                throw new BadRequestResponse("expected a JSON object with a text field \"code\"");
            }
            return verification.verifyCode(body.get("code").asText());
        }
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return verification.verifyCode(ctx.formParam("code"));
        }
        throw new BadRequestResponse("send JSON {\"code\": …}, a form field 'code' or a multipart file 'file'");
    }

    static Locale locale(Context ctx) {
        String lang = ctx.queryParam("lang");
        if (lang == null) {
            lang = ctx.formParam("lang") == null ? null : ctx.formParam("lang");
        }
        return "en".equals(lang) ? Locale.ENGLISH : Locale.FRENCH;
    }
}
