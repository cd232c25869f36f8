package io.cachet.web;

import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The first handler, in front of the application, answering what needs no application: a method HTTP does not
 * define (405, before Javalin would make a route type of it), and the split between the public listener and the
 * metrics listener when {@code /metrics} has one of its own (then {@code /metrics} is 404 on the public one, and
 * everything else 404 on the metrics one). Its answers go through {@link JettyErrors}, with the security headers.
 */
final class RequestGate extends Handler.Wrapper {
    private volatile Optional<Connector> metricsConnector = Optional.empty();

    /** From now on, {@code /metrics} is served on {@code connector} only. */
    void metricsOn(Connector connector) {
        metricsConnector = Optional.of(connector);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!Routes.METHODS.contains(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, Routes.ALLOWED);
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        Optional<Connector> metrics = metricsConnector;
        if (metrics.isPresent()) {
            boolean onMetricsListener = request.getConnectionMetaData().getConnector() == metrics.get();
            boolean forMetrics = Routes.METRICS.equals(request.getHttpURI().getPath());
            if (onMetricsListener != forMetrics) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
