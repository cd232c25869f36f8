package io.cachet.core.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one verification: a verdict, the reasons behind it, every check performed, the certificate's
 * data when they could be read from an authentic seal, and when the check was made.
 *
 * @param statusAt the date the status was asked for ({@code --status-at}): the verdict then answers "was this
 *     certificate valid on that date?"; empty for the present
 * @param status what the issuer's registry says of the status (at {@code statusAt}, or now) and the events that
 *     decide it; present when a status-at date was asked and the registry answered, or when the certificate is
 *     revoked, suspended or superseded
 */
public record VerificationReport(
        Verdict verdict,
        List<ReasonCode> reasons,
        List<Check> checks,
        Optional<CertificateSummary> certificate,
        Instant checkedAt,
        Optional<Instant> statusAt,
        Optional<StatusFacts> status) {
    /** A report of the present status without status facts. */
    public VerificationReport(
            Verdict verdict,
            List<ReasonCode> reasons,
            List<Check> checks,
            Optional<CertificateSummary> certificate,
            Instant checkedAt) {
        this(verdict, reasons, checks, certificate, checkedAt, Optional.empty(), Optional.empty());
    }

    public VerificationReport {
        requireNonNull(verdict, "verdict is null");
        reasons = List.copyOf(reasons);
        checks = List.copyOf(checks);
        requireNonNull(certificate, "certificate is null");
        requireNonNull(checkedAt, "checkedAt is null");
        requireNonNull(statusAt, "statusAt is null");
        requireNonNull(status, "status is null");
        if ((verdict == Verdict.VALID) != reasons.isEmpty()) {
            throw new IllegalArgumentException("a report has reasons exactly when it is not VALID");
        }
    }

    /**
     * Builds the report from the checks: the verdict is the most serious one implied by a failed check (not
     * authentic, then could not check, then not current), VALID when none failed. {@link
     * ReasonCode#STATUS_NOT_CHECKED} decides the verdict (UNREADABLE) only when no other reason does: an expired
     * certificate whose status was not checked is EXPIRED, whatever its status.
     */
    public static VerificationReport fromChecks(
            List<Check> checks, Optional<CertificateSummary> certificate, Instant checkedAt) {
        LinkedHashSet<ReasonCode> reasons = new LinkedHashSet<>();
        checks.forEach(check -> check.reason().ifPresent(reasons::add));
        Verdict verdict = reasons.stream()
                .filter(reason -> reason != ReasonCode.STATUS_NOT_CHECKED || reasons.size() == 1)
                .map(ReasonCode::verdict)
                .min(VerificationReport::bySeverity)
                .orElse(Verdict.VALID);
        // Data of a seal that is not authentic are never shown.
        Optional<CertificateSummary> shown = verdict == Verdict.INVALID ? Optional.empty() : certificate;
        return new VerificationReport(verdict, List.copyOf(reasons), checks, shown, checkedAt);
    }

    /** The same report, for the status-at date {@code at} (if any), with the registry's {@code facts} (if any). */
    public VerificationReport withStatus(Optional<Instant> at, Optional<StatusFacts> facts) {
        return new VerificationReport(verdict, reasons, checks, certificate, checkedAt, at, facts);
    }

    /**
     * True when the certificate is authentic and nothing is known against it, but its status was not checked: the
     * only reason is {@link ReasonCode#STATUS_NOT_CHECKED} (the web shows this in a neutral colour, with the advice to
     * check online).
     */
    public boolean statusNotChecked() {
        return reasons.equals(List.of(ReasonCode.STATUS_NOT_CHECKED));
    }

    /**
     * True when the file verified was a copy of a certificate (an unsigned PDF: a scan, a print to PDF), not the signed
     * original: the verdict rests on the seal in its QR code alone, as for a photo (check {@code pdf.copy} PASSED).
     */
    public boolean verifiedFromCopy() {
        return checks.stream()
                .anyMatch(check -> check.is(CheckName.PDF_COPY) && check.outcome() == Check.Outcome.PASSED);
    }

    /**
     * True when the file verified was a signed verification report, not a certificate (check {@code report.signer}
     * PASSED): the verdict is on the report's signature; what the report found is written in it.
     */
    public boolean isVerificationReport() {
        return checks.stream()
                .anyMatch(check -> check.is(CheckName.REPORT_SIGNER) && check.outcome() == Check.Outcome.PASSED);
    }

    private static int bySeverity(Verdict a, Verdict b) {
        return Integer.compare(severity(a), severity(b));
    }

    private static int severity(Verdict verdict) {
        return switch (verdict) {
            case INVALID -> 0;
            case UNREADABLE -> 1;
            case NOT_YET_ISSUED -> 2;
            case REVOKED -> 3;
            case SUSPENDED -> 4;
            case SUPERSEDED -> 5;
            case EXPIRED -> 6;
            case VALID -> 7;
        };
    }
}
