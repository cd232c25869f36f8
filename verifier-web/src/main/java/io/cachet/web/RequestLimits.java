package io.cachet.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a body larger than the limit from its {@code Content-Length}, before a byte of it is read (OWASP ASVS 5
 * V5.2). A body without a length (chunked) is bounded while read: Javalin's {@code maxRequestSize} and the
 * multipart limits set in {@link VerifierApp}.
 */
final class RequestLimits {
    private final long maxRequestBytes;

    RequestLimits(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    void check(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxRequestBytes) {
            throw tooLarge();
        }
    }

    /**
     * Parses a multipart body before the handler asks for its parts, so that a malformed one (no boundary, more than
     * 1,000 parts, cut short) is the client's error: 400, or 413 over the size limits; never a 500. The parts stay
     * with the request for the handler.
     */
    void parseMultipart(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("multipart/")) {
            return;
        }
        try {
            ctx.uploadedFiles();
        } catch (Exception e) {
            // Javalin rethrows the servlet layer's checked ServletException unchecked, hence Exception here.
            throw refusal(e);
        }
    }

    /**
     * The uploaded file {@code name} of a multipart request, or null; a body the servlet layer cannot parse here
     * (whenever it parses it) is refused as in {@link #parseMultipart}, never a 500.
     */
    io.javalin.http.UploadedFile uploadedFile(Context ctx, String name) {
        try {
            return ctx.uploadedFile(name);
        } catch (Exception e) {
            throw refusal(e);
        }
    }

    private HttpResponseException refusal(Exception e) {
        if (e instanceof HttpResponseException already) {
            return already;
        }
        if (isSizeLimit(e)) {
            return tooLarge();
        }
        return new BadRequestResponse("the multipart body is malformed: it needs a boundary in its Content-Type,"
                + " at most 1,000 parts, and its closing boundary");
    }

    /** Jetty refuses an over-limit multipart body with an exception somewhere in the cause chain. */
    static boolean isSizeLimit(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message =
                    cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            // Jetty's MultiPartFormData: "max length exceeded: N", "max file size exceeded: N".
            if (message.contains("length exceeded") || message.contains("size exceeded")) {
                return true;
            }
        }
        return false;
    }

    void checkUpload(long size) {
        if (size > maxRequestBytes) {
            throw tooLarge();
        }
    }

    ContentTooLargeResponse tooLarge() {
        return new ContentTooLargeResponse(
                "the request is larger than the limit of " + (maxRequestBytes / (1024 * 1024)) + " MB ("
                        + maxRequestBytes + " bytes)",
                Map.of());
    }
}
