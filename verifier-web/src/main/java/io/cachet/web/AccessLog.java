package io.cachet.web;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@value #LOGGER} logger, and the request's {@code http_server_requests} sample,
 * written by Jetty once the response is complete: also for what Jetty answers itself (a malformed request line, a
 * refused method), which the application never sees.
 *
 * <p>The line is {@code METHOD ROUTE STATUS DURATION ms BYTES B}: the method as a label ({@link Routes#method}), the
 * route template of the path ({@link Routes#template}; never the raw path, the query string, a header or the body,
 * so never a code, a certificate id, a key or holder data), the status, the time from the first byte of the request
 * to the last of the response, and the response body's bytes.
 */
final class AccessLog implements RequestLog {
    static final String LOGGER = "io.cachet.web.access";

    private static final Logger ACCESS = LoggerFactory.getLogger(LOGGER);

    private final WebMetrics metrics;

    AccessLog(WebMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void log(Request request, Response response) {
        String method = Routes.method(request.getMethod());
        String route = Routes.template(request.getHttpURI().getPath());
        int status = response.getStatus();
        long nanos = NanoTime.since(request.getBeginNanoTime());
        long bytes = Response.getContentBytesWritten(response);
        metrics.record(method, route, status, nanos);
        ACCESS.info("{} {} {} {} ms {} B", method, route, status, TimeUnit.NANOSECONDS.toMillis(nanos), bytes);
    }
}
