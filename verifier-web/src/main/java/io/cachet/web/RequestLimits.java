package io.cachet.web;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
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
