package io.cachet.core.verify;

import io.cachet.core.keys.ReportSigners;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.PdfSignatureVerifier;
import io.cachet.core.pdf.PdfVerification;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.VerificationReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a signed verification report ({@link ReportPdf}) as what it is: a PDF signed by a verifier's key, which
 * the root certified for reports only. Its signature gets every check of a certificate's PDF signature (byte ranges,
 * CMS, timestamp, later revisions) against the verifiers of the trust material, never against the office keys; it
 * carries no seal. The answer has no certificate data: what the report says is in the report, and check
 * {@code report.signer} says who signed it.
 */
final class SignedReports {
    private SignedReports() {}

    /**
     * The verdict on {@code pdf} as a report, when its signing certificate is a trusted verifier's; empty otherwise
     * (the file is then judged as a certificate, whose signer is untrusted). A report whose signature then fails a
     * later check (altered bytes, a timestamp this verifier refuses) is judged on that failure, not called untrusted:
     * the reader learns what is wrong with it. Only a report that passes every check gets {@code report.signer}.
     */
    static Optional<VerificationReport> verify(TrustStore trust, byte[] pdf, Instant now) {
        PdfVerification result = new PdfSignatureVerifier(trust.forReports()).verifySignature(pdf, now);
        boolean signedByAVerifier = result.checks().stream()
                .anyMatch(check -> check.is(CheckName.PDF_SIGNER) && check.outcome() == Check.Outcome.PASSED);
        if (!signedByAVerifier) {
            return Optional.empty();
        }
        List<Check> checks = new ArrayList<>(result.checks());
        if (!result.failed() && result.signer().isPresent()) {
            String name = ReportSigners.nameOf(result.signer().get())
                    .orElse(result.signer().get().getSubjectX500Principal().getName());
            checks.add(Check.passed(
                    CheckName.REPORT_SIGNER,
                    "a Cachet VERIFICATION REPORT signed by the verifier '" + name + "' (a key certified by the root"
                            + " for reports only): it is not a certificate; what it found is written in it"));
        }
        return Optional.of(VerificationReport.fromChecks(checks, Optional.empty(), now));
    }
}
