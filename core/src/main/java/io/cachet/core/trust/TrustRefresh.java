package io.cachet.core.trust;

import static java.util.Objects.requireNonNull;

import io.cachet.core.keys.TrustList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reloads a {@link TrustSource} on one background thread: every {@code period}, and at once when asked
 * ({@link #reloadNow()}, on {@code SIGHUP}). When the trust in use comes from a list that expires before the next
 * period, the next reload is at its expiry, so that a newer list is looked for when it is needed. Polling (rather
 * than file-system events) works alike for folders, files on network mounts and addresses, and its cost is a few
 * small reads per period. A trust list fetched from an address says itself how often to fetch it again
 * ({@code refreshSeconds}, set by its exporter): that interval then replaces the configured one.
 */
public final class TrustRefresh implements AutoCloseable {
    /** The shortest wait between two reloads, whatever the period or the list's expiry. */
    public static final Duration MIN_DELAY = Duration.ofSeconds(1);

    private final TrustSource source;
    private final Duration period;
    private final boolean listSetsPeriod;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    private TrustRefresh(TrustSource source, Duration period, boolean listSetsPeriod, Clock clock) {
        this.source = requireNonNull(source, "source is null");
        this.period = requireNonNull(period, "period is null");
        this.listSetsPeriod = listSetsPeriod;
        this.clock = requireNonNull(clock, "clock is null");
        if (period.compareTo(MIN_DELAY) < 0) {
            throw new IllegalArgumentException(
                    "the trust reload period must be at least " + MIN_DELAY + ", was " + period);
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cachet-trust-reload");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts reloading {@code source} every {@code period} (at least {@link #MIN_DELAY}). */
    public static TrustRefresh start(TrustSource source, Duration period, Clock clock) {
        return start(source, period, false, clock);
    }

    /**
     * Starts reloading {@code source}; with {@code listSetsPeriod} (a list fetched from an address), at the interval
     * the list in use asks for, else every {@code period}.
     */
    public static TrustRefresh start(TrustSource source, Duration period, boolean listSetsPeriod, Clock clock) {
        TrustRefresh refresh = new TrustRefresh(source, period, listSetsPeriod, clock);
        refresh.scheduleNext();
        return refresh;
    }

    /**
     * The period between reloads: for a list that sets it, the interval the list in use asks for ({@code
     * refreshSeconds}); else the one this refresh was started with.
     */
    public Duration period() {
        if (!listSetsPeriod) {
            return period;
        }
        return source.current()
                .material()
                .list()
                .flatMap(TrustList.Accepted::refresh)
                .orElse(period);
    }

    /** Reloads as soon as the background thread is free; does nothing once closed. */
    public void reloadNow() {
        try {
            executor.execute(source::reload);
        } catch (RejectedExecutionException e) {
            // Closed: the verifier is stopping, nothing is left to reload for.
        }
    }

    private void run() {
        try {
            source.reload();
        } finally {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        Instant now = clock.instant();
        Duration period = period();
        Duration delay = source.current()
                .material()
                .expiresAt()
                .map(expiry -> Duration.between(now, expiry))
                .filter(untilExpiry -> untilExpiry.compareTo(period) < 0 && !untilExpiry.isNegative())
                .map(untilExpiry -> untilExpiry.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : untilExpiry)
                .orElse(period);
        try {
            executor.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed while reloading.
        }
    }

    /** Stops reloading; the trust in use stays as it is. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
