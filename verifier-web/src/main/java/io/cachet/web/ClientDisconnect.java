package io.cachet.web;

import io.cachet.core.budget.Cancellation;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;

/**
 * Fires a {@link Cancellation} when the client of a request goes away before its answer, so that the verification
 * waiting on it stops instead of computing for nobody.
 *
 * <p>Jetty reports a failed request (a reset, an idle timeout, a stopping connector) to failure listeners, but it
 * does not read an HTTP/1.1 connection while a request is being handled: a client that closes its connection
 * after sending a file is only noticed when the answer is written. So the connection is also probed every
 * {@link #PROBE_INTERVAL} with a non-blocking read of one byte: end of stream (or a reset) means the client is gone.
 * A byte read is the start of a pipelined next request that the probe has now taken; the answer then closes the
 * connection ({@code Connection: close}), and the client sends that request again on a new one, as pipelining
 * clients must be ready to do (RFC 9112 §9.3.2).
 */
final class ClientDisconnect {
    static final Duration PROBE_INTERVAL = Duration.ofMillis(200);

    private static final ScheduledExecutorService PROBES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cachet-disconnect-probe");
        thread.setDaemon(true);
        return thread;
    });

    private ClientDisconnect() {}

    /**
     * Watches the client of {@code ctx} until the watch is closed, which must happen before the answer is written.
     */
    static Watch watch(Context ctx, Cancellation cancellation) {
        Request request;
        try {
            request = ServletContextRequest.getServletContextRequest(ctx.req());
        } catch (IllegalStateException e) {
            return new Watch(null, cancellation); // not served by Jetty's servlet layer: nothing to watch
        }
        request.addFailureListener(failure -> cancellation.cancel());
        Watch watch = new Watch(request.getConnectionMetaData().getConnection().getEndPoint(), cancellation);
        watch.start();
        return watch;
    }

    /** The probes of one request's connection. */
    static final class Watch implements AutoCloseable {
        private final EndPoint endPoint;
        private final Cancellation cancellation;
        private ScheduledFuture<?> probes;
        private boolean closed;
        private boolean tookNextRequest;

        private Watch(EndPoint endPoint, Cancellation cancellation) {
            this.endPoint = endPoint;
            this.cancellation = cancellation;
        }

        private synchronized void start() {
            long interval = PROBE_INTERVAL.toMillis();
            probes = PROBES.scheduleWithFixedDelay(this::probe, interval, interval, TimeUnit.MILLISECONDS);
        }

        private synchronized void probe() {
            if (closed || tookNextRequest || cancellation.isCancelled()) {
                return;
            }
            ByteBuffer oneByte = BufferUtil.allocate(1);
            int read;
            try {
                read = endPoint.fill(oneByte);
            } catch (IOException e) {
                read = -1; // reset by the peer: gone as surely as by a close
            }
            if (read < 0) {
                probes.cancel(false);
                cancellation.cancel();
            } else if (read > 0) {
                probes.cancel(false);
                tookNextRequest = true;
            }
        }

        /** True when a probe took the first byte of a pipelined request: the answer must close the connection. */
        synchronized boolean mustCloseConnection() {
            return tookNextRequest;
        }

        /** Stops probing; waits for a probe under way, so none reads once the answer is being written. */
        @Override
        public synchronized void close() {
            closed = true;
            if (probes != null) {
                probes.cancel(false);
            }
        }
    }
}
