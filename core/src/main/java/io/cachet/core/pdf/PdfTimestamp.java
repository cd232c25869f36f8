package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * An RFC 3161 timestamp of a PDF that verified: when it was made and by which authority.
 *
 * @param kind {@code signature} for the signature timestamp (PAdES B-T), {@code document} for a document timestamp
 *     (B-LTA)
 */
public record PdfTimestamp(String kind, Instant at, X509Certificate authority) {
    public PdfTimestamp {
        requireNonNull(kind, "kind is null");
        requireNonNull(at, "at is null");
        requireNonNull(authority, "authority is null");
    }
}
