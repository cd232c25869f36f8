package io.cachet.issuer;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code /metrics} in the Prometheus text format: {@code cachet_issuer_requests_total} by method, route template and
 * status (route templates, never raw paths: a path holds a certificate id), and the JVM's memory, threads and
 * uptime.
 */
final class IssuerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    IssuerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The after-handler of every request. */
    void count(Context ctx) {
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        registry.counter(
                        "cachet_issuer_requests",
                        "method",
                        ctx.method().name(),
                        "route",
                        route,
                        "status",
                        String.valueOf(ctx.statusCode()))
                .increment();
    }

    void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
