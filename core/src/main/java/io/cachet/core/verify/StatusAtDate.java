package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.RegistryEvent;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.StatusFacts;
import io.cachet.core.report.VerificationReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The last step of a verification: the status facts from the issuer's registry history, and, when a status-at date is
 * asked, the answer to "was this certificate valid on that date?".
 *
 * <p>At a date, the seal's and PDF's signature checks stand as judged now; what changes is judged at the date: the
 * certificate was issued by then (check {@code status-at.issued}, from the seal's signed issue time), not yet expired
 * (check {@code seal.expiry}, judged at the date), and neither suspended, revoked nor superseded (check {@code
 * status-at.status}, from the registry's events). The present status checks ({@code registry.status}, {@code
 * status-list.status}) are kept, skipped, with what they found. Only a registry keeps the history: without the
 * issuing office's registry the answer is UNREADABLE ({@link ReasonCode#STATUS_AT_UNAVAILABLE}).
 */
final class StatusAtDate {
    private static final Set<ReasonCode> STATUS_REASONS = EnumSet.of(
            ReasonCode.CERTIFICATE_REVOKED, ReasonCode.CERTIFICATE_SUSPENDED, ReasonCode.CERTIFICATE_SUPERSEDED);

    private final Optional<Registry> registry;

    StatusAtDate(Optional<Registry> registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /**
     * Refuses a status-at date after {@code now}: the future status of a certificate is not known.
     *
     * @throws CachetException of kind USAGE
     */
    static void requireNotFuture(Optional<Instant> statusAt, Instant now) {
        if (statusAt.isPresent() && statusAt.get().isAfter(now)) {
            throw CachetException.usage("the status-at date " + statusAt.get() + " is in the future (now is " + now
                    + "): a certificate's status is known up to now only");
        }
    }

    /** {@code report} with its status facts, judged at {@code statusAt} when one is given. */
    VerificationReport complete(VerificationReport report, Optional<Instant> statusAt) {
        if (statusAt.isPresent()) {
            return atDate(report, statusAt.get());
        }
        Optional<CertificateSummary> certificate = report.certificate();
        if (certificate.isEmpty() || !presentStatusFailed(report)) {
            return report;
        }
        try {
            List<RegistryEvent> events = history(certificate.get());
            return report.withStatus(Optional.empty(), Optional.of(StatusHistory.current(events, report.checkedAt())));
        } catch (CachetException e) {
            return report; // the status check already says what the registry answered; the facts are not essential
        }
    }

    private VerificationReport atDate(VerificationReport report, Instant at) {
        if (report.certificate().isEmpty()) {
            return report.withStatus(Optional.of(at), Optional.empty()); // not authentic, or not read: nothing to date
        }
        CertificateSummary certificate = report.certificate().get();
        List<Check> checks = new ArrayList<>();
        Optional<Check> registryStatus = Optional.empty();
        for (Check check : report.checks()) {
            switch (check.check()) {
                case SEAL_EXPIRY -> checks.add(expiryAt(certificate, at));
                case REGISTRY_STATUS -> {
                    registryStatus = Optional.of(check);
                    checks.add(presentOnly(check, at));
                }
                case STATUS_LIST_STATUS -> checks.add(presentOnly(check, at));
                case STATUS -> {} // STATUS_NOT_CHECKED: replaced by the answer at the date
                default -> checks.add(check);
            }
        }
        boolean registryHolds = registryStatus.isPresent() && registrySpoke(registryStatus.get());
        Optional<StatusFacts> facts;
        if (certificate.issuedAt().isAfter(at)) {
            checks.add(Check.failed(
                    CheckName.STATUS_AT_ISSUED,
                    ReasonCode.NOT_YET_ISSUED,
                    "issued at " + certificate.issuedAt() + ", after the status-at date " + at));
            checks.add(Check.skipped(CheckName.STATUS_AT_STATUS, "the certificate did not exist yet at " + at));
            facts = Optional.of(notYetIssued(certificate, at, registryHolds));
        } else {
            checks.add(Check.passed(
                    CheckName.STATUS_AT_ISSUED,
                    "issued at " + certificate.issuedAt() + ", not after the status-at date " + at));
            facts = statusAt(certificate, at, registryStatus, registryHolds, checks);
        }
        return VerificationReport.fromChecks(checks, report.certificate(), report.checkedAt())
                .withStatus(Optional.of(at), facts);
    }

    /** Adds check {@code status-at.status}; the facts when the registry told them. */
    private Optional<StatusFacts> statusAt(
            CertificateSummary certificate,
            Instant at,
            Optional<Check> registryStatus,
            boolean registryHolds,
            List<Check> checks) {
        if (!registryHolds) {
            if (registryStatus.isPresent() && registryStatus.get().outcome() == Check.Outcome.FAILED) {
                // UNKNOWN_CERTIFICATE or REGISTRY_UNAVAILABLE: the registry's answer decides the verdict already.
                checks.add(Check.skipped(
                        CheckName.STATUS_AT_STATUS, "the issuer's registry gave no status (registry.status)"));
            } else {
                checks.add(Check.failed(
                        CheckName.STATUS_AT_STATUS,
                        ReasonCode.STATUS_AT_UNAVAILABLE,
                        "this verifier has no registry of office " + certificate.issuer()
                                + ", which alone keeps the history of a certificate's status; a status list tells"
                                + " only the present status"));
            }
            return Optional.empty();
        }
        StatusFacts facts;
        try {
            facts = StatusHistory.at(history(certificate), at);
        } catch (CachetException e) {
            checks.add(Check.failed(
                    CheckName.STATUS_AT_STATUS,
                    ReasonCode.REGISTRY_UNAVAILABLE,
                    "the history of the issuer's registry could not be read"));
            return Optional.empty();
        }
        // The deciding change's time; the reason recorded with it stays out of the detail (it may name the holder).
        String since = "(since "
                + facts.decidingEvent().map(event -> event.at().toString()).orElse("?") + ")";
        checks.add(
                switch (facts.status()) {
                    case VALID ->
                        Check.passed(CheckName.STATUS_AT_STATUS, "VALID at " + at + " in the issuer's registry");
                    case SUSPENDED ->
                        Check.failed(
                                CheckName.STATUS_AT_STATUS,
                                ReasonCode.CERTIFICATE_SUSPENDED,
                                "suspended at " + at + " " + since);
                    case REVOKED ->
                        Check.failed(
                                CheckName.STATUS_AT_STATUS,
                                ReasonCode.CERTIFICATE_REVOKED,
                                "revoked at " + at + " " + since);
                    case SUPERSEDED ->
                        Check.failed(
                                CheckName.STATUS_AT_STATUS,
                                ReasonCode.CERTIFICATE_SUPERSEDED,
                                "replaced at " + at + " " + since + " by the corrected certificate "
                                        + facts.decidingEvent()
                                                .flatMap(StatusFacts.Event::related)
                                                .orElse("?"));
                    case NOT_YET_ISSUED -> throw new IllegalStateException("an issued certificate's history");
                });
        return Optional.of(facts);
    }

    private StatusFacts notYetIssued(CertificateSummary certificate, Instant at, boolean registryHolds) {
        if (registryHolds) {
            try {
                return StatusHistory.notYetIssued(history(certificate), at);
            } catch (CachetException e) {
                // the facts without the registry's issue event: the seal's issue time is in the certificate
            }
        }
        return StatusHistory.notYetIssued(List.of(), at);
    }

    private List<RegistryEvent> history(CertificateSummary certificate) {
        if (registry.isEmpty() || !CertificateId.isWellFormed(certificate.id())) {
            throw CachetException.notFound("no registry history for " + certificate.id());
        }
        return registry.get().history(new CertificateId(certificate.id()));
    }

    /**
     * The expiry judged at the status-at date, as the seal's verifier judges it now: expired strictly after the
     * expiry instant.
     */
    private static Check expiryAt(CertificateSummary certificate, Instant at) {
        if (certificate.expiresAt().isEmpty()) {
            return Check.skipped(CheckName.SEAL_EXPIRY, "the seal has no expiry");
        }
        Instant expiry = certificate.expiresAt().get();
        return at.isAfter(expiry)
                ? Check.failed(
                        CheckName.SEAL_EXPIRY,
                        ReasonCode.EXPIRED,
                        "expired at " + expiry + ", before the status-at date " + at)
                : Check.passed(CheckName.SEAL_EXPIRY, "valid until " + expiry + ", judged at the status-at date " + at);
    }

    /** A present status check, kept for the record but not judged: the question is the status at {@code at}. */
    private static Check presentOnly(Check check, Instant at) {
        if (check.outcome() == Check.Outcome.SKIPPED
                || (check.outcome() == Check.Outcome.FAILED
                        && !STATUS_REASONS.contains(check.reason().orElseThrow()))) {
            return check;
        }
        String now = check.reason().map(ReasonCode::name).orElse("VALID");
        return Check.skipped(
                check.check(), "now " + now + " (" + check.detail() + "); not judged: the status asked is at " + at);
    }

    /** True when the registry answered with a status: VALID, or revoked, suspended or superseded. */
    private static boolean registrySpoke(Check registryStatus) {
        return registryStatus.outcome() == Check.Outcome.PASSED
                || (registryStatus.outcome() == Check.Outcome.FAILED
                        && STATUS_REASONS.contains(registryStatus.reason().orElseThrow()));
    }

    private static boolean presentStatusFailed(VerificationReport report) {
        return report.checks().stream()
                .anyMatch(check -> check.is(CheckName.REGISTRY_STATUS)
                        && check.outcome() == Check.Outcome.FAILED
                        && STATUS_REASONS.contains(check.reason().orElseThrow()));
    }
}
