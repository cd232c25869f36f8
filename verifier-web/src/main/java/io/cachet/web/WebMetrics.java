package io.cachet.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.eclipse.jetty.server.Server;

/**
 * The verifier's metrics (Micrometer, Prometheus text at {@code /metrics}): JVM, process, Jetty's thread pool and
 * {@code http_server_requests} by method, route template and status. Route templates, never raw paths: a path
 * could carry data and would make unbounded series.
 */
final class WebMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    WebMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    void bindJetty(Server server) {
        new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty()).bindTo(registry);
    }

    /** Called by Javalin's request logger once a response is written. */
    void record(Context ctx, Float millis) {
        Timer.builder("http.server.requests")
                .description("HTTP requests served")
                .tags("method", ctx.method().name(), "uri", route(ctx), "status", String.valueOf(ctx.statusCode()))
                .register(registry)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    String scrape() {
        return registry.scrape();
    }

    private static String route(Context ctx) {
        if (ctx.path().startsWith("/assets/")) {
            return "/assets/**";
        }
        try {
            return ctx.endpoints().lastHttpEndpoint().path;
        } catch (RuntimeException e) {
            // No endpoint matched (404, or refused before routing): never echo the raw path.
            return "UNMATCHED";
        }
    }
}
