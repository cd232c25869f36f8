package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.report.Check;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What checking a PDF's signature found.
 *
 * @param checks every check made, in order
 * @param signer the trusted certificate that signed the PDF, when the signature verified
 * @param sealText the seal read from the QR code of the signed revision, when one was found
 * @param signedAt when the PDF was signed, from its signature timestamp, when the signature verified
 */
public record PdfVerification(
        List<Check> checks, Optional<X509Certificate> signer, Optional<String> sealText, Optional<Instant> signedAt) {
    public PdfVerification {
        checks = List.copyOf(checks);
        requireNonNull(signer, "signer is null");
        requireNonNull(sealText, "sealText is null");
        requireNonNull(signedAt, "signedAt is null");
    }

    /** A result with no signing time (the signature did not verify). */
    public PdfVerification(List<Check> checks, Optional<X509Certificate> signer, Optional<String> sealText) {
        this(checks, signer, sealText, Optional.empty());
    }

    public boolean failed() {
        return checks.stream().anyMatch(check -> check.outcome() == Check.Outcome.FAILED);
    }
}
