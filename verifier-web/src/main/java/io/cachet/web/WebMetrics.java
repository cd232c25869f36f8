package io.cachet.web;

import io.cachet.core.trust.TrustSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;

/**
 * The verifier's metrics (Micrometer, Prometheus text at {@code /metrics}): JVM, process, Jetty's thread pool and
 * {@code http_server_requests} by method, route template and status. Route templates, never raw paths: a path
 * could carry data and would make unbounded series.
 */
final class WebMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /**
     * The request timers, registered once per label set rather than looked up through a new builder per request
     * (sorting and hashing the tags cost more than the rest of the sample). Bounded as the labels are.
     */
    private final Map<Labels, Timer> requestTimers = new ConcurrentHashMap<>();

    private record Labels(String method, String route, int status) {}

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

    /**
     * The trust's reloads, {@code cachet_trust_reloads_total} by outcome ({@code loaded}: new material in use;
     * {@code refused}: every refused attempt, the trust in use kept), and {@code cachet_trust_age_seconds}, how long
     * ago the trust in use was loaded.
     */
    void bindTrust(TrustSource source) {
        FunctionCounter.builder("cachet.trust.reloads", source, TrustSource::loadedCount)
                .description("trust reloads, by outcome")
                .tag("outcome", "loaded")
                .register(registry);
        FunctionCounter.builder("cachet.trust.reloads", source, TrustSource::refusedCount)
                .description("trust reloads, by outcome")
                .tag("outcome", "refused")
                .register(registry);
        Gauge.builder(
                        "cachet.trust.age",
                        source,
                        trust -> Math.max(
                                0,
                                Duration.between(trust.current().loadedAt(), Instant.now())
                                        .toSeconds()))
                .description("how long ago the trust in use was loaded")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * Counts one request. The labels are bounded: a method label and a route template ({@link Routes}), and a
     * status, which Jetty keeps to three digits.
     */
    void record(String method, String route, int status, long nanos) {
        requestTimers
                .computeIfAbsent(new Labels(method, route, status), this::requestTimer)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer requestTimer(Labels labels) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests served")
                .tags("method", labels.method(), "uri", labels.route(), "status", String.valueOf(labels.status()))
                .register(registry);
    }

    String scrape() {
        return registry.scrape();
    }
}
