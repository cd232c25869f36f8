package io.cachet.core.trust;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bytes of a signed trust list, read from a file or fetched from an address, bounded: the server may be hostile
 * or broken, so a fetch has a connection timeout and a deadline for the whole answer, follows no redirect, accepts
 * only {@code 200}, and stops reading past {@link #MAX_BYTES}.
 */
final class TrustListBytes {
    /** The largest list read: a thousand signers with their certificates are about 2 MB. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** How long a connection may take to open, and a whole answer to arrive. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Reads the list's bytes, or says why it cannot. */
    @FunctionalInterface
    interface Reader {
        /** @throws CachetException (configuration) when the list cannot be read */
        byte[] read();
    }

    private TrustListBytes() {}

    static byte[] readFile(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw CachetException.configuration(file + " is larger than " + MAX_BYTES + " bytes: not a trust list");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CachetException.usage("trust list not found: " + file);
        } catch (IOException e) {
            throw CachetException.configuration("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static URI parseUrl(String url) {
        try {
            URI uri = new URI(requireNonNull(url, "url is null").strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw CachetException.configuration(
                        "the trust list address must be an http:// or https:// URL, was '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CachetException.configuration("the trust list address '" + url + "' is not a URL: " + e.getMessage());
        }
    }

    /** One bounded GET of the list at an address per {@link #fetch()}. */
    static final class Fetcher {
        private final URI uri;
        private final Duration timeout;
        private final HttpClient client;

        Fetcher(URI uri) {
            this(uri, TIMEOUT);
        }

        /** With {@code timeout} for the connection, and again for the whole answer. */
        Fetcher(URI uri, Duration timeout) {
            this.uri = requireNonNull(uri, "uri is null");
            this.timeout = requireNonNull(timeout, "timeout is null");
            this.client = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }

        byte[] fetch() {
            HttpRequest request =
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(
                    request,
                    info -> info.statusCode() == 200
                            ? new BoundedBody(MAX_BYTES, uri)
                            : HttpResponse.BodySubscribers.replacing(new byte[0]));
            try {
                // The request timeout stops waiting for the headers only: this deadline bounds the body too.
                HttpResponse<byte[]> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (response.statusCode() != 200) {
                    throw CachetException.configuration(uri + " answered HTTP " + response.statusCode());
                }
                return response.body();
            } catch (TimeoutException e) {
                answer.cancel(true);
                throw CachetException.configuration(
                        uri + " sent no complete answer within " + timeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw CachetException.configuration("cannot fetch " + uri + ": "
                        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
            } catch (InterruptedException e) {
                answer.cancel(true);
                Thread.currentThread().interrupt();
                throw CachetException.configuration("interrupted while fetching " + uri);
            }
        }
    }

    /** Collects a body up to a limit, and fails (cancelling the transfer) past it. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final URI uri;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        BoundedBody(int limit, URI uri) {
            this.limit = limit;
            this.uri = uri;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription newSubscription) {
            subscription = newSubscription;
            newSubscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException(uri + " sent more than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
