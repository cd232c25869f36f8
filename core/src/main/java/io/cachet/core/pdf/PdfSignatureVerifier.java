package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.crypto.Sha256;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * Checks the PAdES signature of a Cachet PDF and reads the seal from the signed revision. Fails closed: anything
 * it cannot parse or account for is a failed check with a reason, never an exception and never "unknown".
 *
 * <p>This class only orders the checks and stops at the first that fails: the file's structure ({@link
 * PdfStructure}), its one certification signature ({@link SignatureDictionaryCheck}, which reads the CMS with
 * {@link CmsSignatureCheck} and its timestamp with {@link SignatureTimestampCheck}), what later revisions add ({@link
 * LaterRevisionsCheck}), long-term validation ({@link LongTermValidation}), and the seal on the page ({@link
 * SealOnPage}).
 */
public final class PdfSignatureVerifier {
    /** The largest PDF accepted (a one-page certificate is about 60 KB). */
    public static final int MAX_PDF_BYTES = 10 * 1024 * 1024;

    /** The most indirect objects a file may declare (a certificate has about 60). */
    static final int MAX_OBJECTS = 10_000;

    /** The most revisions looked at (a certificate has two: the rendering and its signature). */
    static final int MAX_REVISIONS = 32;

    /** Memory PDFBox may use for decoded streams while checking one file: a bound on decompression bombs. */
    static final long MAX_DECODED_BYTES = 64L * 1024 * 1024;

    private final TrustStore trust;
    private final SignatureDictionaryCheck signatureCheck;
    private final LaterRevisionsCheck laterRevisionsCheck;

    public PdfSignatureVerifier(TrustStore trust) {
        this.trust = requireNonNull(trust, "trust is null");
        this.signatureCheck = new SignatureDictionaryCheck(trust);
        this.laterRevisionsCheck = new LaterRevisionsCheck(trust);
    }

    /** Verifies {@code pdf} as of now. */
    public PdfVerification verify(byte[] pdf) {
        return verify(pdf, Instant.now());
    }

    /**
     * Verifies {@code pdf} as of {@code now}: the time against which certificate and timestamp expiry is judged for
     * long-term validation (the time of the signature itself always comes from its timestamp).
     */
    public PdfVerification verify(byte[] pdf, Instant now) {
        return verify(pdf, now, true);
    }

    /**
     * As {@link #verify(byte[], Instant)}, every check but reading the seal back from the page ({@code pdf.seal}):
     * for issuance, which knows the seal it embedded and whose QR code was read back by a standard detector when the
     * seal was made ({@code SealSigner}); that read is most of a verification's cost.
     */
    public PdfVerification verifySignature(byte[] pdf, Instant now) {
        return verify(pdf, now, false);
    }

    private PdfVerification verify(byte[] pdf, Instant now, boolean readSealFromPage) {
        List<Check> checks = new ArrayList<>();
        Optional<List<Integer>> revisions = checkBeforeParsing(pdf, checks);
        if (revisions.isEmpty()) {
            return PdfVerification.failed(checks);
        }
        try (PDDocument document = LimitedLoader.load(pdf)) {
            return verifyParsed(pdf, document, revisions.get(), now, readSealFromPage, checks);
        } catch (IOException | RuntimeException e) {
            checks.add(Check.failed(
                    CheckName.PDF_FORMAT, ReasonCode.PDF_MALFORMED, "the PDF cannot be parsed: " + e.getMessage()));
            return PdfVerification.failed(checks);
        }
    }

    /**
     * What is judged before PDFBox reads the file: its size, its header, its number of revisions and its structure
     * ({@link PdfStructure}). Returns where its revisions end, or empty after a failed check.
     */
    private static Optional<List<Integer>> checkBeforeParsing(byte[] pdf, List<Check> checks) {
        if (pdf.length > MAX_PDF_BYTES) {
            checks.add(Check.failed(
                    CheckName.PDF_SIZE,
                    ReasonCode.INPUT_TOO_LARGE,
                    "the file has " + pdf.length + " bytes; the limit is " + MAX_PDF_BYTES));
            return Optional.empty();
        }
        if (!startsWith(pdf, "%PDF-")) {
            // A file that looks like a damaged PDF is not authentic; only something that is no PDF at all is
            // unreadable.
            checks.add(
                    looksLikePdf(pdf)
                            ? Check.failed(CheckName.PDF_FORMAT, ReasonCode.PDF_MALFORMED, "the PDF header is damaged")
                            : Check.failed(CheckName.PDF_FORMAT, ReasonCode.INPUT_UNREADABLE, "the file is not a PDF"));
            return Optional.empty();
        }
        List<Integer> revisions = PdfStructure.revisionEnds(pdf);
        if (revisions.size() > MAX_REVISIONS) {
            checks.add(Check.failed(
                    CheckName.PDF_SIZE,
                    ReasonCode.INPUT_TOO_LARGE,
                    "the file has " + revisions.size() + " revisions; the limit is " + MAX_REVISIONS));
            return Optional.empty();
        }
        Optional<PdfStructure.Failure> structure = PdfStructure.problem(pdf, revisions);
        if (structure.isPresent()) {
            checks.add(Check.failed(
                    CheckName.PDF_STRUCTURE,
                    structure.get().reason(),
                    structure.get().message()));
            return Optional.empty();
        }
        checks.add(Check.passed(
                CheckName.PDF_STRUCTURE,
                revisions.size() + " revision(s), each with an exact cross-reference section; a scan of the bytes"
                        + " finds exactly the objects they define"));
        return Optional.of(revisions);
    }

    /** The checks on {@code document}, PDFBox's reading of {@code pdf}: its one certification signature and on. */
    private PdfVerification verifyParsed(
            byte[] pdf,
            PDDocument document,
            List<Integer> revisions,
            Instant now,
            boolean readSealFromPage,
            List<Check> checks)
            throws IOException {
        int objects = document.getDocument().getXrefTable().size();
        if (objects > MAX_OBJECTS) {
            checks.add(Check.failed(
                    CheckName.PDF_SIZE,
                    ReasonCode.INPUT_TOO_LARGE,
                    "the file declares " + objects + " objects; the limit is " + MAX_OBJECTS));
            return PdfVerification.failed(checks);
        }
        checks.add(Check.passed(CheckName.PDF_FORMAT, "PDF parsed, " + document.getNumberOfPages() + " page(s)"));
        List<PDSignature> all = document.getSignatureDictionaries();
        List<PDSignature> timestamps =
                all.stream().filter(DocumentTimestampCheck::isDocumentTimestamp).toList();
        List<PDSignature> signatures = all.stream()
                .filter(signature -> !DocumentTimestampCheck.isDocumentTimestamp(signature))
                .toList();
        if (signatures.isEmpty()) {
            // A later revision may have dropped the signature field of an earlier, signed one.
            checks.add(
                    LaterRevisionsCheck.earlierRevisionWasSigned(pdf, revisions)
                            ? Check.failed(
                                    CheckName.PDF_REVISIONS,
                                    ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                                    "an earlier revision of the file was signed; a later one removed the signature")
                            : Check.failed(
                                    CheckName.PDF_SIGNATURE, ReasonCode.PDF_UNSIGNED, "the PDF has no signature"));
            return PdfVerification.failed(checks);
        }
        if (signatures.size() > 1) {
            checks.add(Check.failed(
                    CheckName.PDF_REVISIONS,
                    ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                    "the PDF has " + signatures.size() + " signatures; a Cachet certificate has one"));
            return PdfVerification.failed(checks);
        }
        PDSignature signature = signatures.get(0);
        if (!SignatureDictionaryCheck.certifiesWithNoChangesAllowed(document, signature)) {
            checks.add(Check.failed(
                    CheckName.PDF_CERTIFICATION,
                    ReasonCode.PDF_SIGNATURE_FORMAT,
                    "the signature is not the document's certification signature with DocMDP P=1"));
            return PdfVerification.failed(checks);
        }
        checks.add(Check.passed(CheckName.PDF_CERTIFICATION, "certification signature, DocMDP P=1: no change allowed"));
        Optional<SignedRevision> signed = signatureCheck.check(pdf, signature, revisions, checks);
        if (signed.isEmpty()) {
            return PdfVerification.failed(checks);
        }
        int signedEnd = signed.get().end();
        try (PDDocument signedRevision =
                signedEnd == pdf.length ? null : LimitedLoader.load(Arrays.copyOf(pdf, signedEnd))) {
            PDDocument original = signedRevision == null ? document : signedRevision;
            return verifySigned(
                    pdf, document, original, signed.get(), timestamps, revisions, now, readSealFromPage, checks);
        }
    }

    /**
     * The checks after a verified signature: what later revisions add, long-term validation, the seal on the signed
     * revision's page ({@code original}).
     */
    private PdfVerification verifySigned(
            byte[] pdf,
            PDDocument document,
            PDDocument original,
            SignedRevision signed,
            List<PDSignature> timestamps,
            List<Integer> revisions,
            Instant now,
            boolean readSealFromPage,
            List<Check> checks)
            throws IOException {
        Optional<List<PdfTimestamp>> later =
                laterRevisionsCheck.check(pdf, document, original, signed, timestamps, revisions, checks);
        if (later.isEmpty()) {
            return PdfVerification.failed(checks);
        }
        List<PdfTimestamp> allTimestamps = new ArrayList<>();
        allTimestamps.add(signed.timestamp());
        allTimestamps.addAll(later.get());
        ValidationData validationData;
        try {
            validationData = ValidationData.read(document);
        } catch (IOException e) {
            checks.add(Check.failed(CheckName.PDF_VALIDATION_DATA, ReasonCode.PDF_MALFORMED, e.getMessage()));
            return PdfVerification.failed(checks);
        }
        if (!LongTermValidation.check(signed.signer(), allTimestamps, validationData, trust.anchors(), now, checks)) {
            return PdfVerification.failed(checks);
        }
        SealOnPage.Codes codes =
                readSealFromPage ? SealOnPage.read(original) : new SealOnPage.Codes(Optional.empty(), Optional.empty());
        Optional<String> seal = codes.seal();
        if (!readSealFromPage) {
            // The caller knows the seal: nothing to report.
        } else if (seal.isEmpty()) {
            checks.add(Check.failed(
                    CheckName.PDF_SEAL, ReasonCode.NO_CODE_FOUND, "no readable QR code on the first page"));
        } else {
            checks.add(Check.passed(CheckName.PDF_SEAL, "QR code read from the signed revision's page"));
        }
        String level = !later.get().isEmpty() ? "B-LTA" : validationData.crls().isEmpty() ? "B-T" : "B-LT";
        return new PdfVerification(
                checks,
                Optional.of(new PdfVerification.SignedFacts(
                        signed.signer(), signed.timestamp().at(), sha256Hex(pdf, signed.end()), level, allTimestamps)),
                seal,
                codes.twoDoc());
    }

    private static String sha256Hex(byte[] pdf, int length) {
        MessageDigest sha256 = Sha256.newDigest();
        sha256.update(pdf, 0, length);
        return Sha256.hex(sha256);
    }

    /** A header somewhere in the first kilobyte, or an end-of-file marker: what PDF readers look for. */
    public static boolean looksLikePdf(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
        String tail = new String(
                bytes, Math.max(0, bytes.length - 1024), Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
        return head.contains("%PDF-") || head.contains("PDF-1.") || tail.contains("%%EOF");
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] expected = prefix.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= expected.length
                && Arrays.equals(bytes, 0, expected.length, expected, 0, expected.length);
    }
}
