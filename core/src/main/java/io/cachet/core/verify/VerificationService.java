package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.budget.BoundedWorkers;
import io.cachet.core.budget.Cancellation;
import io.cachet.core.budget.Deadline;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.SigningTimeProof;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.PdfSignatureVerifier;
import io.cachet.core.pdf.PdfVerification;
import io.cachet.core.registry.Registry;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.QrSearch;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealText;
import io.cachet.core.seal.SealVerification;
import io.cachet.core.seal.SealVerifier;
import io.cachet.core.status.StatusListStatusSource;
import io.cachet.core.trust.TrustSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies a certificate from its seal text or its PDF and reports: input → decode → verify → report. Holds no
 * secret: only the trust store. Thread-safe.
 *
 * <p>Files (PDFs, photos, scans) are verified on this service's bounded pool of workers, each within the
 * {@link VerificationBudget}: past its deadline, or when the caller's {@link Cancellation} fires, the work is stopped
 * and the answer is UNREADABLE with {@link ReasonCode#BUDGET_EXCEEDED}; when every worker is busy and the queue is
 * full, the request is refused with a {@link CachetException.Kind#BUSY} error.
 *
 * <p>The trust comes from a {@link TrustSource}, which may be reloaded while the service runs: each verification takes
 * one snapshot of it and uses it throughout, so that it never mixes two trusts.
 */
public final class VerificationService {
    private final TrustSource trustSource;
    private final Clock clock;
    private volatile Trusted trusted;
    private final Optional<Registry> registry;
    private final Optional<StatusListStatusSource> statusList;
    private final StatusChecks status;
    private final VerificationBudget budget;
    private final BoundedWorkers workers;

    /**
     * A verifier with only trust material: signatures are checked, the status is not ({@link
     * ReasonCode#STATUS_NOT_CHECKED}: never VALID) unless a status list is added ({@link
     * #withStatusList(StatusListStatusSource)}).
     */
    public VerificationService(TrustStore trust, Clock clock) {
        this(trust, clock, Optional.empty());
    }

    /**
     * A verifier that also asks the issuer's {@code registry}, when given, for the status of the certificates of its
     * office (check {@code registry.status}) and that the seal and PDF are the ones recorded ({@code registry.match}).
     * The status of a certificate of another office is not checked ({@link ReasonCode#STATUS_NOT_CHECKED}) unless a
     * status list is added.
     */
    public VerificationService(TrustStore trust, Clock clock, Optional<Registry> registry) {
        this(TrustSource.fixed(requireNonNull(trust, "trust is null"), clock), clock, registry);
    }

    /**
     * As {@link #VerificationService(TrustStore, Clock, Optional)}, with the trust of {@code trustSource} as it is at
     * each verification: reloading it (a new office's certificate, a newer trust list) needs no new service.
     */
    public VerificationService(TrustSource trustSource, Clock clock, Optional<Registry> registry) {
        this(trustSource, clock, registry, Optional.empty(), VerificationBudget.defaults());
    }

    private VerificationService(
            TrustSource trustSource,
            Clock clock,
            Optional<Registry> registry,
            Optional<StatusListStatusSource> statusList,
            VerificationBudget budget) {
        this.trustSource = requireNonNull(trustSource, "trustSource is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.trusted = Trusted.of(trustSource.current().trust());
        this.registry = requireNonNull(registry, "registry is null");
        this.statusList = requireNonNull(statusList, "statusList is null");
        this.status = new StatusChecks(registry, statusList);
        this.budget = requireNonNull(budget, "budget is null");
        this.workers = new BoundedWorkers("cachet-verify", budget.workers(), budget.queueLength());
    }

    /** The same verifier with another budget, and a pool of workers of its own sized by it. */
    public VerificationService withBudget(VerificationBudget newBudget) {
        return new VerificationService(trustSource, clock, registry, statusList, newBudget);
    }

    /**
     * The same verifier, also taking the status of certificates that its registry (if any) does not hold from the
     * office's signed status list (check {@code status-list.status}), for seals that carry a status reference. Shares
     * this verifier's pool of workers' sizes, not its pool.
     */
    public VerificationService withStatusList(StatusListStatusSource source) {
        return new VerificationService(trustSource, clock, registry, Optional.of(source), budget);
    }

    public VerificationBudget budget() {
        return budget;
    }

    /**
     * How many verifications of files are computing now, including any stopped by their deadline or cancellation
     * that have not yet reached their next check (a snapshot, for metrics and tests).
     */
    public int activeVerifications() {
        return workers.active();
    }

    /** Verifies the text of a QR code (as scanned, pasted or typed). */
    public VerificationReport verifyCode(String text) {
        return verifyCode(text, Optional.empty());
    }

    /**
     * Verifies the text of a QR code; with {@code statusAt}, the verdict answers "was this certificate valid on that
     * date?" ({@link StatusAtDate}).
     *
     * @throws CachetException of kind USAGE for a {@code statusAt} in the future
     */
    public VerificationReport verifyCode(String text, Optional<Instant> statusAt) {
        StatusAtDate.requireNotFuture(statusAt, clock.instant());
        return new StatusAtDate(registry).complete(checkCode(text), statusAt);
    }

    private VerificationReport checkCode(String text) {
        Instant now = clock.instant();
        List<Check> checks = new ArrayList<>();
        if (text == null || text.isBlank()) {
            checks.add(Check.failed(CheckName.INPUT, ReasonCode.NO_CODE_FOUND, "no code was given"));
            return VerificationReport.fromChecks(checks, Optional.empty(), now);
        }
        if (TwoDocChecks.looksLikeTwoDoc(text)) {
            return verifyTwoDoc(trusted().trust(), text, now, checks);
        }
        return verifySeal(trusted(), text, now, checks);
    }

    /**
     * Verifies a 2D-Doc (a text beginning {@code DC}) against the trust ({@link TwoDocChecks}), then the status of an
     * authentic one from the registry, by the Cachet number it carries.
     */
    private VerificationReport verifyTwoDoc(TrustStore trust, String text, Instant now, List<Check> checks) {
        Optional<TwoDocChecks.Authentic> twoDoc = TwoDocChecks.verify(trust, text, now, checks);
        twoDoc.ifPresent(authentic -> status.checkTwoDoc(
                TwoDocChecks.certificateNumber(authentic.doc()),
                io.cachet.core.keys.OfficeCertificates.officeOf(authentic.signer())
                        .orElse(""),
                record -> TwoDocChecks.disagreement(authentic, record),
                checks));
        return VerificationReport.fromChecks(
                checks, twoDoc.map(authentic -> TwoDocChecks.summary(trust, authentic)), now);
    }

    /**
     * Verifies the seal {@code text} as given (so that its checks can say it was read upper-cased), then the status
     * of an authentic one, its checks after {@code checks}.
     */
    private VerificationReport verifySeal(Trusted trust, String text, Instant now, List<Check> checks) {
        // The normalised form is what the registry recorded.
        String code = SealText.normalise(text);
        Optional<SealClaims> claims =
                AuthenticClaims.read(trust.seal().verify(text, now, read -> status.registryProof(read, code)), checks);
        claims.ifPresent(seal -> status.check(seal, code, Optional.empty(), checks));
        return VerificationReport.fromChecks(
                checks, claims.map(seal -> AuthenticClaims.summary(trust.trust(), seal)), now);
    }

    /**
     * Verifies a PDF within the budget: its signature, then the seal in its QR code, then that both come from the
     * same key. A PDF without any signature whose page shows a Cachet QR code, and that bears no mark of a Cachet
     * original, is a copy (a scan, a print to PDF): its seal is verified as a photo's, and check {@code pdf.copy} says
     * that the file is not the signed original ({@link VerificationReport#verifiedFromCopy()}).
     *
     * @throws CachetException of kind {@link CachetException.Kind#BUSY} when no worker can take it
     */
    public VerificationReport verifyPdf(byte[] pdf) {
        return withinBudget(
                deadline -> new StatusAtDate(registry).complete(checkPdf(pdf), Optional.empty()), Cancellation.never());
    }

    private VerificationReport checkPdf(byte[] pdf) {
        Instant now = clock.instant();
        Trusted trust = trusted();
        PdfVerification result = trust.pdf().verify(pdf, now);
        if (signerUntrusted(result) && !trust.trust().verifiers().isEmpty()) {
            Optional<VerificationReport> report = SignedReports.verify(trust.trust(), pdf, now);
            if (report.isPresent()) {
                return report.get();
            }
        }
        if (CopyChecks.hasNoSignature(result)) {
            // An original without its signature stays not authentic; a copy gets its seal's verdict.
            List<Check> checks = new ArrayList<>(result.checks());
            Optional<String> copy = CopyChecks.judge(pdf, checks);
            return copy.isPresent()
                    ? verifySeal(trust, copy.get(), now, checks)
                    : VerificationReport.fromChecks(checks, Optional.empty(), now);
        }
        List<Check> checks = new ArrayList<>(result.checks());
        if (result.failed() || result.sealText().isEmpty()) {
            return VerificationReport.fromChecks(checks, Optional.empty(), now);
        }
        String sealText = SealText.normalise(result.sealText().get());
        // The seal is on the signed page: the signature timestamp proves it existed then.
        Optional<SigningTimeProof> timestamp =
                result.signedAt().map(signedAt -> new SigningTimeProof(signedAt, "the PDF's signature timestamp"));
        SealVerification seal = trust.seal()
                .verify(
                        result.sealText().get(),
                        now,
                        claims -> timestamp.or(() -> status.registryProof(claims, sealText)));
        Optional<SealClaims> claims = AuthenticClaims.read(seal, checks);
        if (seal instanceof SealVerification.Authentic authentic
                && result.signer().isPresent()) {
            Kid sealKid = Kid.of(authentic.signer());
            Kid pdfKid = Kid.of(result.signer().get());
            checks.add(
                    sealKid.equals(pdfKid)
                            ? Check.passed(
                                    CheckName.PDF_SEAL_SIGNER,
                                    "the seal and the PDF are signed by the same key " + sealKid.hex())
                            : Check.failed(
                                    CheckName.PDF_SEAL_SIGNER,
                                    ReasonCode.SEAL_PDF_MISMATCH,
                                    "seal signed by " + sealKid.hex() + ", PDF by " + pdfKid.hex()));
        }
        claims.ifPresent(
                read -> checks.add(PdfTwoDoc.check(trust.trust(), result.twoDocText(), read, sealKid(seal), now)));
        // The registry holds the hash of the file as issued: the signed revision, before any validation data was added.
        Optional<String> signedRevision = result.signature().map(PdfVerification.SignedFacts::signedRevisionSha256);
        claims.ifPresent(read -> status.check(read, sealText, signedRevision, checks));
        return VerificationReport.fromChecks(
                checks, claims.map(read -> AuthenticClaims.summary(trust.trust(), read)), now);
    }

    private static Optional<Kid> sealKid(SealVerification seal) {
        return seal instanceof SealVerification.Authentic authentic
                ? Optional.of(Kid.of(authentic.signer()))
                : Optional.empty();
    }

    /** True when the PDF's signature was made by a key this verifier does not trust to sign certificates. */
    private static boolean signerUntrusted(PdfVerification result) {
        return result.checks().stream()
                .anyMatch(check -> check.is(CheckName.PDF_SIGNER)
                        && check.reason().equals(Optional.of(ReasonCode.PDF_SIGNER_UNTRUSTED)));
    }

    /** {@link #verifyFile(byte[], Cancellation)} for a caller that always waits for the answer. */
    public VerificationReport verifyFile(byte[] bytes) {
        return verifyFile(bytes, Cancellation.never());
    }

    /**
     * Verifies a file by what it contains, within the budget: a PDF is checked as a PDF; a PNG or JPEG photo or scan
     * is searched for a QR code whose seal is then checked; anything else is unreadable.
     *
     * @param cancellation fired by the caller when the answer is no longer wanted (e.g. the client hung up): the
     *     work stops
     * @throws CachetException of kind {@link CachetException.Kind#BUSY} when every worker is busy and the queue full
     */
    public VerificationReport verifyFile(byte[] bytes, Cancellation cancellation) {
        return verifyFile(bytes, cancellation, Optional.empty());
    }

    /**
     * {@link #verifyFile(byte[], Cancellation)}; with {@code statusAt}, the verdict answers "was this certificate
     * valid on that date?" ({@link StatusAtDate}).
     *
     * @throws CachetException of kind USAGE for a {@code statusAt} in the future; BUSY when no worker can take it
     */
    public VerificationReport verifyFile(byte[] bytes, Cancellation cancellation, Optional<Instant> statusAt) {
        StatusAtDate.requireNotFuture(statusAt, clock.instant());
        return withinBudget(
                deadline -> new StatusAtDate(registry).complete(checkFile(bytes, deadline), statusAt), cancellation);
    }

    private VerificationReport checkFile(byte[] bytes, Deadline deadline) {
        return switch (InputSniffer.sniff(bytes)) {
            case PDF -> checkPdf(bytes);
            case PNG, JPEG -> checkImage(bytes, deadline);
            case UNKNOWN ->
                VerificationReport.fromChecks(
                        List.of(Check.failed(
                                CheckName.INPUT,
                                ReasonCode.INPUT_UNREADABLE,
                                "the file is neither a PDF nor a PNG or JPEG image")),
                        Optional.empty(),
                        clock.instant());
        };
    }

    /**
     * Verifies the seal in the QR code of a photo or scan, within the budget.
     *
     * @throws CachetException of kind {@link CachetException.Kind#BUSY} when no worker can take it
     */
    public VerificationReport verifyImage(byte[] bytes) {
        return withinBudget(
                deadline -> new StatusAtDate(registry).complete(checkImage(bytes, deadline), Optional.empty()),
                Cancellation.never());
    }

    private VerificationReport checkImage(byte[] bytes, Deadline deadline) {
        QrSearch search = ImageCodeReader.read(bytes, deadline);
        if (search instanceof QrSearch.Found found) {
            return checkCode(found.text());
        }
        if (search instanceof QrSearch.GaveUp gaveUp) {
            return unreadable(ReasonCode.BUDGET_EXCEEDED, gaveUp.detail());
        }
        return unreadable(ReasonCode.NO_CODE_FOUND, "no QR code or 2D-Doc DataMatrix could be read in the image");
    }

    /** Runs a verification of a file on a worker, and answers BUDGET_EXCEEDED if it is stopped. */
    private VerificationReport withinBudget(
            Function<Deadline, VerificationReport> verification, Cancellation cancellation) {
        BoundedWorkers.Outcome<VerificationReport> outcome =
                workers.run(verification, budget.timeBudget(), cancellation);
        if (outcome instanceof BoundedWorkers.Outcome.Done<VerificationReport> done) {
            return done.value();
        }
        if (outcome instanceof BoundedWorkers.Outcome.OutOfTime<VerificationReport>) {
            return unreadable(
                    ReasonCode.BUDGET_EXCEEDED,
                    "the verification was stopped at the end of its " + VerificationBudget.describe(budget.timeBudget())
                            + " budget");
        }
        return unreadable(
                ReasonCode.BUDGET_EXCEEDED, "the verification was cancelled: nobody waits for its answer any more");
    }

    private VerificationReport unreadable(ReasonCode reason, String detail) {
        return VerificationReport.fromChecks(
                List.of(Check.failed(CheckName.INPUT, reason, detail)), Optional.empty(), clock.instant());
    }

    /** The trust in use now. */
    public TrustStore trust() {
        return trustSource.current().trust();
    }

    /** Where the trust comes from, and how its reloads went. */
    public TrustSource trustSource() {
        return trustSource;
    }

    /** The checkers of the trust in use now, made again only when the trust was reloaded. */
    private Trusted trusted() {
        TrustStore now = trustSource.current().trust();
        Trusted last = trusted;
        if (last.trust() == now) {
            return last;
        }
        Trusted next = Trusted.of(now);
        trusted = next;
        return next;
    }

    /** One trust and the checkers that use it: a verification holds one for its whole run. */
    private record Trusted(TrustStore trust, SealVerifier seal, PdfSignatureVerifier pdf) {
        static Trusted of(TrustStore trust) {
            return new Trusted(
                    trust, new SealVerifier(trust, SealVerifier.Policy.CACHET), new PdfSignatureVerifier(trust));
        }
    }
}
