package io.cachet.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Reads a request's body, without blocking a thread, before the application is called: a client sending its body
 * slowly then holds a connection, never a worker thread (the application reads bodies with blocking IO). While it
 * waits, the body must arrive at {@code minBytesPerSecond} on average from the start of the request (after a grace
 * second), else 408; the connection's idle timeout bounds the wait for each byte.
 *
 * <p>At most {@code maxBytes} are kept: a longer body (one without {@code Content-Length}; a declared one over the
 * limit is refused by {@link RequestLimits} without being read) is handed over as it stands, and the application's
 * own limits refuse it while reading the rest.
 */
final class BodyFirst extends Handler.Wrapper {
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long maxBytes;
    private final long minBytesPerSecond;

    BodyFirst(long maxBytes, long minBytesPerSecond) {
        this.maxBytes = maxBytes;
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING, "chunked");
        if (length == 0 || (length < 0 && !chunked) || length > maxBytes) {
            return super.handle(request, response, callback);
        }
        new Loader(request, response, callback).read();
        return true;
    }

    /** Copies the body into memory as it arrives, then calls the application with a request that replays it. */
    private final class Loader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Loader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        /** Called again by Jetty, on a pool thread, when more of the body has arrived. */
        @Override
        public void run() {
            read();
        }

        void read() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (tooSlow()) {
                        refuse(HttpStatus.REQUEST_TIMEOUT_408);
                        return;
                    }
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable failure = chunk.getFailure();
                    chunk.release();
                    refuse(
                            failure instanceof TimeoutException
                                    ? HttpStatus.REQUEST_TIMEOUT_408
                                    : HttpStatus.BAD_REQUEST_400);
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                body.writeBytes(copy);
                boolean last = chunk.isLast();
                chunk.release();
                if (last || body.size() >= maxBytes) {
                    dispatch(last);
                    return;
                }
            }
        }

        private boolean tooSlow() {
            long elapsed = NanoTime.since(request.getBeginNanoTime());
            return minBytesPerSecond > 0
                    && elapsed > GRACE_NANOS
                    && body.size() < minBytesPerSecond * elapsed / TimeUnit.SECONDS.toNanos(1);
        }

        private void refuse(int status) {
            Response.writeError(request, response, callback, status);
        }

        private void dispatch(boolean complete) {
            Replayed replayed = new Replayed(request, body.toByteArray(), complete);
            try {
                if (!BodyFirst.this.getHandler().handle(replayed, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable e) {
                Response.writeError(request, response, callback, e);
            }
        }
    }

    /**
     * The request with its body, already read, given back first; the rest (if any) comes from the connection.
     *
     * <p>When the whole body was read, a reader that gives up on it (Jetty's multipart parser refusing part 1,001
     * fails its content source) fails only this copy: the connection has nothing left to read, and failing the real
     * request would abort the exchange while the application is answering 400 (the client then saw a 500, or the
     * connection closed without an answer).
     */
    private static final class Replayed extends Request.Wrapper {
        private final boolean complete;
        private Content.Chunk pending;

        Replayed(Request request, byte[] body, boolean complete) {
            super(request);
            this.complete = complete;
            this.pending = Content.Chunk.from(ByteBuffer.wrap(body), complete);
        }

        @Override
        public void fail(Throwable failure) {
            synchronized (this) {
                if (pending != null) {
                    pending.release();
                    pending = Content.Chunk.from(failure, true);
                }
            }
            if (!complete) {
                super.fail(failure);
            }
        }

        @Override
        public void fail(Throwable failure, boolean last) {
            fail(failure);
        }

        @Override
        public Content.Chunk read() {
            synchronized (this) {
                if (pending != null) {
                    Content.Chunk chunk = pending;
                    pending = null;
                    return chunk;
                }
            }
            return super.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            boolean ready;
            synchronized (this) {
                ready = pending != null;
            }
            if (ready) {
                demandCallback.run();
            } else {
                super.demand(demandCallback);
            }
        }
    }
}
