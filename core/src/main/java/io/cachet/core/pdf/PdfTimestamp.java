package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * An RFC 3161 timestamp of a PDF that verified: when it was made and by which authority.
 *
 * @param kind {@code signature} for the signature timestamp (PAdES B-T), {@code document} for a document timestamp
 *     (B-LTA)
 * @param path the authority's certification path as verified: its certificate first, the timestamp trust anchor last
 *     (one element when the authority's certificate is itself the anchor)
 */
public record PdfTimestamp(String kind, Instant at, List<X509Certificate> path) {
    public PdfTimestamp {
        requireNonNull(kind, "kind is null");
        requireNonNull(at, "at is null");
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a timestamp's path holds at least its authority");
        }
    }

    /** The certificate that signed the timestamp. */
    public X509Certificate authority() {
        return path.get(0);
    }
}
