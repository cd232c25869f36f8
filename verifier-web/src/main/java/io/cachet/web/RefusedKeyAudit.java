package io.cachet.web;

import io.cachet.core.registry.ApiAccess;
import io.cachet.core.registry.ApiClients;
import io.cachet.core.registry.CertificateId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the access log's {@code REVOKED_KEY} entries on one background thread, after the 401 is answered: a
 * revoked key and an unknown one (which leaves no entry: anyone can invent keys, and a table written for each would
 * be theirs to fill) then cost the request the same work and time. At most {@value #QUEUE} entries wait; beyond,
 * an entry is dropped and counted, with a warning for the first and every thousandth.
 */
final class RefusedKeyAudit implements AutoCloseable {
    static final int QUEUE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(RefusedKeyAudit.class);

    private final ThreadPoolExecutor writer =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), work -> {
                Thread thread = new Thread(work, "cachet-refused-key-audit");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicLong dropped = new AtomicLong();

    void revokedKeyUsed(ApiClients clients, String client, Optional<CertificateId> id, Instant at) {
        try {
            writer.execute(() -> write(clients, client, id, at));
        } catch (RejectedExecutionException e) {
            long count = dropped.incrementAndGet();
            if (count % 1_000 == 1) {
                LOG.warn("the API access log is behind: {} refused-key entries dropped so far", count);
            }
        }
    }

    private static void write(ApiClients clients, String client, Optional<CertificateId> id, Instant at) {
        try {
            clients.recordAccess(client, id, at, ApiAccess.Outcome.REVOKED_KEY);
        } catch (RuntimeException e) {
            // The request was already refused; what is lost is one line of the access log, said here.
            LOG.warn(
                    "could not record a revoked key's use in the API access log: {}",
                    e.getClass().getName());
        }
    }

    /** Writes what is queued (for up to five seconds), then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
