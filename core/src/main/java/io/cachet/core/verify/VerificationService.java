package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.budget.BoundedWorkers;
import io.cachet.core.budget.Cancellation;
import io.cachet.core.budget.Deadline;
import io.cachet.core.issue.CertificateId;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.SigningTimeProof;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.PdfSignatureVerifier;
import io.cachet.core.pdf.PdfVerification;
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
import io.cachet.core.seal.SealVerification;
import io.cachet.core.seal.SealVerifier;
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
 */
public final class VerificationService {
    private final TrustStore trust;
    private final Clock clock;
    private final SealVerifier sealVerifier;
    private final PdfSignatureVerifier pdfVerifier;
    private final Optional<Registry> registry;
    private final VerificationBudget budget;
    private final BoundedWorkers workers;

    /** A verifier with only trust material: signatures are checked, the status check is SKIPPED. */
    public VerificationService(TrustStore trust, Clock clock) {
        this(trust, clock, Optional.empty());
    }

    /**
     * A verifier that also asks the issuer's {@code registry}, when given, for the status of the certificates of its
     * office (check {@code registry.status}) and that the seal and PDF are the ones recorded ({@code registry.match}).
     */
    public VerificationService(TrustStore trust, Clock clock, Optional<Registry> registry) {
        this(trust, clock, registry, VerificationBudget.defaults());
    }

    private VerificationService(TrustStore trust, Clock clock, Optional<Registry> registry, VerificationBudget budget) {
        this.trust = requireNonNull(trust, "trust is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sealVerifier = new SealVerifier(trust, SealVerifier.Policy.CACHET);
        this.pdfVerifier = new PdfSignatureVerifier(trust);
        this.registry = requireNonNull(registry, "registry is null");
        this.budget = requireNonNull(budget, "budget is null");
        this.workers = new BoundedWorkers("cachet-verify", budget.workers(), budget.queueLength());
    }

    /** The same verifier with another budget, and a pool of workers of its own sized by it. */
    public VerificationService withBudget(VerificationBudget newBudget) {
        return new VerificationService(trust, clock, registry, newBudget);
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
        Instant now = clock.instant();
        List<Check> checks = new ArrayList<>();
        if (text == null || text.isBlank()) {
            checks.add(Check.failed("input", ReasonCode.NO_CODE_FOUND, "no code was given"));
            return VerificationReport.fromChecks(checks, Optional.empty(), now);
        }
        Optional<CertificateSummary> summary = checkSeal(text, now, checks);
        summary.ifPresent(certificate -> checkRegistry(certificate, text.strip(), Optional.empty(), checks));
        return VerificationReport.fromChecks(checks, summary, now);
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
        return withinBudget(deadline -> checkPdf(pdf), Cancellation.never());
    }

    private VerificationReport checkPdf(byte[] pdf) {
        Instant now = clock.instant();
        PdfVerification result = pdfVerifier.verify(pdf, now);
        if (hasNoSignature(result)) {
            return verifyUnsigned(pdf, result, now);
        }
        List<Check> checks = new ArrayList<>(result.checks());
        if (result.failed() || result.sealText().isEmpty()) {
            return VerificationReport.fromChecks(checks, Optional.empty(), now);
        }
        String sealText = result.sealText().get();
        // The seal is on the signed page: the signature timestamp proves it existed then.
        Optional<SigningTimeProof> timestamp =
                result.signedAt().map(signedAt -> new SigningTimeProof(signedAt, "the PDF's signature timestamp"));
        SealVerification seal =
                sealVerifier.verify(sealText, now, claims -> timestamp.or(() -> registryProof(claims, sealText)));
        Optional<CertificateSummary> summary = summarise(seal, checks);
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
        summary.ifPresent(certificate -> checkRegistry(certificate, sealText, signedRevision, checks));
        return VerificationReport.fromChecks(checks, summary, now);
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
    private VerificationReport verifyUnsigned(byte[] pdf, PdfVerification result, Instant now) {
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
        Optional<CertificateSummary> summary = checkSeal(copy.sealText(), now, checks);
        summary.ifPresent(
                certificate -> checkRegistry(certificate, copy.sealText().strip(), Optional.empty(), checks));
        return VerificationReport.fromChecks(checks, summary, now);
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
        return withinBudget(deadline -> checkFile(bytes, deadline), cancellation);
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
        return withinBudget(deadline -> checkImage(bytes, deadline), Cancellation.never());
    }

    private VerificationReport checkImage(byte[] bytes, Deadline deadline) {
        QrSearch search = ImageCodeReader.read(bytes, deadline);
        if (search instanceof QrSearch.Found found) {
            return verifyCode(found.text());
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

    public TrustStore trust() {
        return trust;
    }

    /**
     * Asks the issuer's registry about an authentic seal: it must know the id, hold the same seal (and PDF, when one
     * is verified), and the status decides REVOKED, SUSPENDED or SUPERSEDED. The detail never holds the reason a
     * person gave, which may name the holder.
     */
    private void checkRegistry(
            CertificateSummary certificate, String sealText, Optional<String> pdfSha256, List<Check> checks) {
        if (registry.isEmpty()) {
            checks.add(Check.skipped("registry.status", "no registry available: the status was not checked"));
            return;
        }
        if (!registry.get().office().equals(certificate.issuer())) {
            checks.add(Check.skipped(
                    "registry.status",
                    "issued by office " + certificate.issuer() + "; this registry holds office "
                            + registry.get().office() + "'s certificates"));
            return;
        }
        Optional<CertificateRecord> found;
        try {
            found = CertificateId.isWellFormed(certificate.id())
                    ? registry.get().find(new CertificateId(certificate.id()))
                    : Optional.empty();
        } catch (CachetException e) {
            checks.add(Check.failed(
                    "registry.status", ReasonCode.REGISTRY_UNAVAILABLE, "the issuer's registry could not be read"));
            return;
        }
        if (found.isEmpty() || found.get().status() == io.cachet.core.registry.CertificateStatus.PENDING) {
            checks.add(Check.failed(
                    "registry.status",
                    ReasonCode.UNKNOWN_CERTIFICATE,
                    "the issuer's registry holds no delivered certificate " + certificate.id()));
            return;
        }
        CertificateRecord record = found.get();
        boolean sealMatches = Registry.sha256(sealText.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .equals(record.sealSha256());
        boolean pdfMatches =
                pdfSha256.map(hash -> hash.equals(record.pdfSha256())).orElse(true);
        if (!sealMatches || !pdfMatches) {
            checks.add(Check.failed(
                    "registry.match",
                    ReasonCode.REGISTRY_MISMATCH,
                    (sealMatches ? "the PDF" : "the seal") + " differs from the one recorded for " + certificate.id()));
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

    private Optional<CertificateSummary> checkSeal(String text, Instant now, List<Check> checks) {
        return summarise(sealVerifier.verify(text, now, claims -> registryProof(claims, text.strip())), checks);
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
            String sealSha256 = Registry.sha256(sealText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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

    private static Optional<CertificateSummary> summarise(SealVerification verification, List<Check> checks) {
        checks.addAll(verification.checks());
        if (!(verification instanceof SealVerification.Authentic authentic)) {
            return Optional.empty();
        }
        try {
            SealClaims claims = SealClaimsCodec.decode(authentic.claims());
            checks.add(Check.passed("seal.claims", "Cachet claims, format version " + SealClaimsCodec.FORMAT_VERSION));
            checks.add(checkText(claims));
            // Hidden characters are shown written out (<U+202E>), so that the page never shows other text than the
            // seal holds.
            return Optional.of(new CertificateSummary(
                    claims.id(),
                    claims.type(),
                    claims.issuer(),
                    claims.issuedAt(),
                    claims.expiresAt(),
                    HiddenCharacters.reveal(claims.holder().familyName()),
                    HiddenCharacters.reveal(claims.holder().givenNames()),
                    HiddenCharacters.reveal(claims.holder().birthDate())));
        } catch (SealFormatException e) {
            checks.add(Check.failed("seal.claims", e.reason(), e.getMessage()));
            return Optional.empty();
        }
    }
}
