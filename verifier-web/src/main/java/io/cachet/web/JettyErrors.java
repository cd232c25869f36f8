package io.cachet.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before Javalin sees the request (a malformed request line or URI, headers
 * too large, a method HTTP does not define, a body too slow): a short plain text in both languages with the same security headers, never Jetty's page, its
 * message or a stack trace.
 */
final class JettyErrors extends ErrorHandler {
    JettyErrors() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        fill(response.getHeaders());
        response.write(true, body(status), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fill(fields);
        return body(status);
    }

    private static void fill(HttpFields.Mutable headers) {
        headers.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        SecurityHeaders.ALWAYS.forEach(headers::put);
    }

    private static ByteBuffer body(int status) {
        return ByteBuffer.wrap(
                ("La demande n'a pas pu être traitée. The request could not be processed. (HTTP " + status + ")\n")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
