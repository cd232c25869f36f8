package io.cachet.core.keys;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Evidence, from outside a signed object, that the object existed at {@code provenAt}: a trusted timestamp over it
 * (a PDF's signature timestamp, RFC 3161) or the issuer's registry holding a record of it. What a seal says of its
 * own issue time is never such evidence: whoever holds the key can write any time there.
 *
 * @param provenAt the object existed at this time (it may have been made earlier)
 * @param source what proves it, in words for the report, e.g. {@code the PDF's signature timestamp}
 */
public record SigningTimeProof(Instant provenAt, String source) {
    public SigningTimeProof {
        requireNonNull(provenAt, "provenAt is null");
        requireNonNull(source, "source is null");
    }
}
