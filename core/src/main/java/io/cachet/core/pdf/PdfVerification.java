package io.cachet.core.pdf;

import io.cachet.core.report.Check;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What checking a PDF's signature found.
 *
 * @param checks every check made, in order
 * @param signer the trusted certificate that signed the PDF, when the signature verified
 * @param sealText the seal read from the QR code of the signed revision, when one was found
 */
public record PdfVerification(List<Check> checks, Optional<X509Certificate> signer, Optional<String> sealText) {
    public PdfVerification {
        checks = List.copyOf(checks);
    }

    public boolean failed() {
        return checks.stream().anyMatch(check -> check.outcome() == Check.Outcome.FAILED);
    }
}
