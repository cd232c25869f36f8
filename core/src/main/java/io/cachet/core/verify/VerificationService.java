package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.budget.BoundedWorkers;
import io.cachet.core.budget.Cancellation;
import io.cachet.core.budget.Deadline;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.SigningTimeProof;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.PdfSignatureVerifier;
import io.cachet.core.pdf.PdfVerification;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.CertificateStatus;
import io.cachet.core.registry.Registry;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.CwtClaims;
import io.cachet.core.seal.QrSearch;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealClaimsCodec;
import io.cachet.core.seal.SealFormatException;
import io.cachet.core.seal.SealText;
import io.cachet.core.seal.SealVerification;
import io.cachet.core.seal.SealVerifier;
import io.cachet.core.status.StatusListStatusSource;
import io.cachet.core.trust.TrustSource;
import io.cachet.core.types.HiddenCharacters;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            checks.add(Check.failed("input", ReasonCode.NO_CODE_FOUND, "no code was given"));
            return VerificationReport.fromChecks(checks, Optional.empty(), now);
        }
        String code = SealText.normalise(text);
        Trusted trust = trusted();
        Optional<SealClaims> claims = checkSeal(trust, text, code, now, checks);
        claims.ifPresent(seal -> checkStatus(seal, code, Optional.empty(), checks));
        return VerificationReport.fromChecks(checks, claims.map(seal -> summary(trust.trust(), seal)), now);
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
        if (hasNoSignature(result)) {
            return verifyUnsigned(trust, pdf, result, now);
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
                .verify(result.sealText().get(), now, claims -> timestamp.or(() -> registryProof(claims, sealText)));
        Optional<SealClaims> claims = summarise(seal, checks);
        if (seal instanceof SealVerification.Authentic authentic
                && result.signer().isPresent()) {
            Kid sealKid = Kid.of(authentic.signer());
            Kid pdfKid = Kid.of(result.signer().get());
            checks.add(
                    sealKid.equals(pdfKid)
                            ? Check.passed(
                                    "pdf.seal-signer",
                                    "the seal and the PDF are signed by the same key " + sealKid.hex())
                            : Check.failed(
                                    "pdf.seal-signer",
                                    ReasonCode.SEAL_PDF_MISMATCH,
                                    "seal signed by " + sealKid.hex() + ", PDF by " + pdfKid.hex()));
        }
        // The registry holds the hash of the file as issued: the signed revision, before any validation data was added.
        Optional<String> signedRevision = result.signature().map(PdfVerification.SignedFacts::signedRevisionSha256);
        claims.ifPresent(read -> checkStatus(read, sealText, signedRevision, checks));
        return VerificationReport.fromChecks(checks, claims.map(read -> summary(trust.trust(), read)), now);
    }

    /** True when the PDF's signature was made by a key this verifier does not trust to sign certificates. */
    private static boolean signerUntrusted(PdfVerification result) {
        return result.checks().stream()
                .anyMatch(check -> check.name().equals("pdf.signer")
                        && check.reason().equals(Optional.of(ReasonCode.PDF_SIGNER_UNTRUSTED)));
    }

    /** True when the only failure is that no revision of the PDF was ever signed (not a removed signature). */
    private static boolean hasNoSignature(PdfVerification result) {
        List<Check> failed = result.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .toList();
        return failed.size() == 1
                && failed.get(0).name().equals("pdf.signature")
                && failed.get(0).reason().equals(Optional.of(ReasonCode.PDF_UNSIGNED));
    }

    /**
     * An unsigned PDF: a Cachet original without its signature stays not authentic ({@code PDF_UNSIGNED}); a copy of
     * a certificate (issue 20, item 8) gets its seal's verdict, with the note that it is a copy.
     */
    private VerificationReport verifyUnsigned(Trusted trust, byte[] pdf, PdfVerification result, Instant now) {
        List<Check> checks = new ArrayList<>(result.checks());
        PdfCopies.Unsigned unsigned = PdfCopies.examine(pdf);
        if (unsigned instanceof PdfCopies.Unsigned.Original original) {
            checks.add(Check.failed(
                    "pdf.copy",
                    ReasonCode.PDF_UNSIGNED,
                    "not a copy: " + original.mark() + ", so this is a Cachet original whose signature is missing"
                            + " (removed, or never issued)"));
            return VerificationReport.fromChecks(checks, Optional.empty(), now);
        }
        if (!(unsigned instanceof PdfCopies.Unsigned.Copy copy)) {
            checks.add(Check.skipped(
                    "pdf.copy", "not a copy of a certificate: " + ((PdfCopies.Unsigned.NoCode) unsigned).why()));
            return VerificationReport.fromChecks(checks, Optional.empty(), now);
        }
        checks.removeIf(check -> check.name().equals("pdf.signature"));
        checks.add(Check.skipped("pdf.signature", "the PDF carries no signature"));
        checks.add(Check.passed(
                "pdf.copy",
                "this file is a COPY of a certificate (a scan or a print to PDF), not the signed original: the"
                        + " verdict rests on the seal in its QR code alone, as for a photo"));
        String code = SealText.normalise(copy.sealText());
        Optional<SealClaims> claims = checkSeal(trust, copy.sealText(), code, now, checks);
        claims.ifPresent(read -> checkStatus(read, code, Optional.empty(), checks));
        return VerificationReport.fromChecks(checks, claims.map(read -> summary(trust.trust(), read)), now);
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
                                "input",
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
        return unreadable(ReasonCode.NO_CODE_FOUND, "no QR code could be read in the image");
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
                List.of(Check.failed("input", reason, detail)), Optional.empty(), clock.instant());
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

    /**
     * The status of an authentic seal, from the first source that can tell: the issuer's registry (for a seal of its
     * office), else the office's status list (for a seal with a status reference). When neither can, the status was
     * not checked, and the verdict is never VALID: check {@code status} fails with
     * {@link ReasonCode#STATUS_NOT_CHECKED}, whose detail says why and where to check online.
     */
    private void checkStatus(SealClaims claims, String sealText, Optional<String> pdfSha256, List<Check> checks) {
        if (registry.isPresent() && holdsOffice(registry.get(), claims)) {
            checkRegistry(claims.id(), sealText, pdfSha256, checks);
            return;
        }
        String noRegistry = registry.isEmpty()
                ? "no registry available"
                : "issued by office " + claims.issuer() + "; this registry holds office "
                        + registry.get().office() + "'s certificates";
        checks.add(Check.skipped("registry.status", noRegistry));
        if (statusList.isEmpty()) {
            statusNotChecked(claims, noRegistry + " and no status list configured", checks);
            return;
        }
        if (claims.status().isEmpty()) {
            statusNotChecked(claims, noRegistry + ", and the seal carries no status list reference", checks);
            return;
        }
        StatusListStatusSource.Answer answer =
                statusList.get().status(claims.status().get(), claims.issuer());
        if (answer instanceof StatusListStatusSource.Answer.Valid valid) {
            checks.add(Check.passed("status-list.status", "VALID in " + valid.source()));
        } else if (answer instanceof StatusListStatusSource.Answer.Revoked revoked) {
            checks.add(Check.failed(
                    "status-list.status",
                    ReasonCode.CERTIFICATE_REVOKED,
                    "revoked (or replaced) by the issuer, according to " + revoked.source()));
        } else if (answer instanceof StatusListStatusSource.Answer.Suspended suspended) {
            checks.add(Check.failed(
                    "status-list.status",
                    ReasonCode.CERTIFICATE_SUSPENDED,
                    "suspended by the issuer, according to " + suspended.source()));
        } else if (answer instanceof StatusListStatusSource.Answer.NotChecked notChecked) {
            statusNotChecked(claims, notChecked.why(), checks);
        }
    }

    /**
     * True when {@code registry} speaks for the seal's office: it is that office's registry, or (a home with several
     * offices shares one registry) it recorded this very certificate under that office. A registry of another office
     * knows nothing of the certificate, and its silence would wrongly read as UNKNOWN_CERTIFICATE.
     */
    private static boolean holdsOffice(Registry registry, SealClaims claims) {
        if (registry.office().equals(claims.issuer())) {
            return true;
        }
        try {
            return CertificateId.isWellFormed(claims.id())
                    && registry.find(new CertificateId(claims.id()))
                            .filter(record -> record.office().equals(claims.issuer()))
                            .isPresent();
        } catch (CachetException e) {
            return false; // unreadable: the status is then not checked, and says so
        }
    }

    private static void statusNotChecked(SealClaims claims, String why, List<Check> checks) {
        checks.add(Check.failed(
                "status",
                ReasonCode.STATUS_NOT_CHECKED,
                "the seal is authentic but its status was not checked (" + why + "): check it online, at "
                        + issuerVerifier(claims).orElse("the verification address printed on the certificate")));
    }

    private static Optional<String> issuerVerifier(SealClaims claims) {
        return claims.status().flatMap(StatusListStatusSource::verifierOf);
    }

    /**
     * Asks the issuer's registry about an authentic seal of its office: it must know the id, hold the same seal (and
     * PDF, when one is verified), and the status decides REVOKED, SUSPENDED or SUPERSEDED. The detail never holds the
     * reason a person gave, which may name the holder.
     */
    private void checkRegistry(String id, String sealText, Optional<String> pdfSha256, List<Check> checks) {
        Optional<CertificateRecord> found;
        try {
            found = CertificateId.isWellFormed(id) ? registry.get().find(new CertificateId(id)) : Optional.empty();
        } catch (CachetException e) {
            checks.add(Check.failed(
                    "registry.status", ReasonCode.REGISTRY_UNAVAILABLE, "the issuer's registry could not be read"));
            return;
        }
        if (found.isEmpty() || found.get().status() == io.cachet.core.registry.CertificateStatus.PENDING) {
            checks.add(Check.failed(
                    "registry.status",
                    ReasonCode.UNKNOWN_CERTIFICATE,
                    "the issuer's registry holds no delivered certificate " + id));
            return;
        }
        CertificateRecord record = found.get();
        boolean sealMatches = Sha256.hex(sealText.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .equals(record.sealSha256());
        boolean pdfMatches =
                pdfSha256.map(hash -> hash.equals(record.pdfSha256())).orElse(true);
        if (!sealMatches || !pdfMatches) {
            checks.add(Check.failed(
                    "registry.match",
                    ReasonCode.REGISTRY_MISMATCH,
                    (sealMatches ? "the PDF" : "the seal") + " differs from the one recorded for " + id));
        } else {
            checks.add(Check.passed(
                    "registry.match",
                    pdfSha256.isPresent()
                            ? "the seal and the PDF are the ones recorded"
                            : "the seal is the one recorded"));
        }
        checks.add(
                switch (record.status()) {
                    case VALID -> Check.passed("registry.status", "VALID in the issuer's registry");
                    case SUSPENDED ->
                        Check.failed("registry.status", ReasonCode.CERTIFICATE_SUSPENDED, "suspended by the issuer");
                    case REVOKED ->
                        Check.failed("registry.status", ReasonCode.CERTIFICATE_REVOKED, "revoked by the issuer");
                    case SUPERSEDED ->
                        Check.failed(
                                "registry.status",
                                ReasonCode.CERTIFICATE_SUPERSEDED,
                                "replaced by the corrected certificate "
                                        + record.supersededBy()
                                                .map(CertificateId::value)
                                                .orElse("?"));
                    case PENDING -> throw new IllegalStateException("handled above");
                });
    }

    /**
     * Verifies the seal {@code text} as given (so that its checks can say it was read upper-cased); {@code code} is
     * its {@link SealText#normalise(String) normalised} form, which the registry recorded.
     */
    private Optional<SealClaims> checkSeal(Trusted trust, String text, String code, Instant now, List<Check> checks) {
        return summarise(trust.seal().verify(text, now, claims -> registryProof(claims, code)), checks);
    }

    /**
     * The issuer's registry as proof of when a seal existed: a delivered record of this very seal (same SHA-256),
     * recorded at issuance. Asked only for a seal whose key is revoked; a registry that cannot be read proves nothing
     * here, and {@code registry.status} reports it.
     */
    private Optional<SigningTimeProof> registryProof(CwtClaims claims, String sealText) {
        if (registry.isEmpty()) {
            return Optional.empty();
        }
        try {
            SealClaims decoded = SealClaimsCodec.decode(claims);
            if (!registry.get().office().equals(decoded.issuer()) || !CertificateId.isWellFormed(decoded.id())) {
                return Optional.empty();
            }
            String sealSha256 = Sha256.hex(sealText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return registry.get()
                    .find(new CertificateId(decoded.id()))
                    .filter(record -> record.status() != CertificateStatus.PENDING)
                    .filter(record -> record.sealSha256().equals(sealSha256))
                    .map(record -> new SigningTimeProof(record.issuedAt(), "the issuer's registry record"));
        } catch (SealFormatException | CachetException e) {
            return Optional.empty();
        }
    }

    /**
     * Issuance refuses invisible, control and direction-changing characters in text (docs/seal-format.md §2); a seal
     * that carries one anyway is authentic but may show other text than it holds ("DUPONT" for U+202E "TNOPUD"). The
     * detail names the field and the character, never the value.
     */
    private static Check checkText(SealClaims claims) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("holder family name", claims.holder().familyName());
        texts.put("holder given names", claims.holder().givenNames());
        texts.put("holder birth date", claims.holder().birthDate());
        claims.fields().forEach((name, value) -> texts.put("field " + name, value));
        for (Map.Entry<String, String> text : texts.entrySet()) {
            Optional<HiddenCharacters.Found> found = HiddenCharacters.find(text.getValue());
            if (found.isPresent()) {
                return Check.failed(
                        "seal.text",
                        ReasonCode.SEAL_HIDDEN_CHARACTERS,
                        "the " + text.getKey() + " holds " + found.get().describe()
                                + ": what is displayed may differ from what was signed; shown written out as <U+...>");
            }
        }
        return Check.passed("seal.text", "no invisible, control or direction-changing character in the seal's text");
    }

    /** The claims of an authentic seal, its checks added; empty when the seal is not authentic or not readable. */
    private static Optional<SealClaims> summarise(SealVerification verification, List<Check> checks) {
        checks.addAll(verification.checks());
        if (!(verification instanceof SealVerification.Authentic authentic)) {
            return Optional.empty();
        }
        try {
            SealClaims claims = SealClaimsCodec.decode(authentic.claims());
            checks.add(Check.passed("seal.claims", "Cachet claims, format version " + SealClaimsCodec.FORMAT_VERSION));
            checks.add(checkText(claims));
            return Optional.of(claims);
        } catch (SealFormatException e) {
            checks.add(Check.failed("seal.claims", e.reason(), e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * What a verifier shows of authentic claims. Hidden characters are shown written out (<U+202E>), so that the page
     * never shows other text than the seal holds.
     */
    private CertificateSummary summary(TrustStore trust, SealClaims claims) {
        Map<String, String> fields = new LinkedHashMap<>();
        claims.fields().forEach((key, value) -> fields.put(key, HiddenCharacters.reveal(value)));
        return new CertificateSummary(
                claims.id(),
                claims.type(),
                claims.issuer(),
                claims.issuedAt(),
                claims.expiresAt(),
                HiddenCharacters.reveal(claims.holder().familyName()),
                HiddenCharacters.reveal(claims.holder().givenNames()),
                HiddenCharacters.reveal(claims.holder().birthDate()),
                issuerVerifier(claims),
                trust.officeName(claims.issuer()),
                fields);
    }
}
