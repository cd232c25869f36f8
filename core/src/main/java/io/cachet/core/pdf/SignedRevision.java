package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;

/** A verified signature: its trusted signer, its signature timestamp and where the bytes it covers end. */
record SignedRevision(X509Certificate signer, PdfTimestamp timestamp, int end) {
    SignedRevision {
        requireNonNull(signer, "signer is null");
        requireNonNull(timestamp, "timestamp is null");
        if (end <= 0) {
            throw new IllegalArgumentException("a signed revision ends after the file's start");
        }
    }
}
