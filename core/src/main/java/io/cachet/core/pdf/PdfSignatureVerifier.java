package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.keys.Kid;
import io.cachet.core.keys.Revocation;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.seal.QrCodes;
import io.cachet.core.seal.QrImageReader;
import io.cachet.core.seal.SealText;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks the PAdES signature of a Cachet PDF and reads the seal from the signed revision. Fails closed: anything
 * it cannot parse or account for is a failed check with a reason, never an exception and never "unknown".
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

    private static final String CADES_DETACHED = "ETSI.CAdES.detached";
    private static final String RFC3161 = "ETSI.RFC3161";
    private static final float QR_RENDER_DPI = 200;

    private static final QrImageReader PAGE_READER = new QrImageReader(List.of(SealText.CACHET_PREFIX));

    private final TrustStore trust;

    public PdfSignatureVerifier(TrustStore trust) {
        this.trust = requireNonNull(trust, "trust is null");
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
        if (pdf.length > MAX_PDF_BYTES) {
            checks.add(Check.failed(
                    "pdf.size",
                    ReasonCode.INPUT_TOO_LARGE,
                    "the file has " + pdf.length + " bytes; the limit is " + MAX_PDF_BYTES));
            return PdfVerification.failed(checks);
        }
        if (!startsWith(pdf, "%PDF-")) {
            // A file that looks like a damaged PDF is not authentic; only something that is no PDF at all is
            // unreadable.
            checks.add(
                    looksLikePdf(pdf)
                            ? Check.failed("pdf.format", ReasonCode.PDF_MALFORMED, "the PDF header is damaged")
                            : Check.failed("pdf.format", ReasonCode.INPUT_UNREADABLE, "the file is not a PDF"));
            return PdfVerification.failed(checks);
        }
        List<Integer> revisions = revisionEnds(pdf);
        if (revisions.size() > MAX_REVISIONS) {
            checks.add(Check.failed(
                    "pdf.size",
                    ReasonCode.INPUT_TOO_LARGE,
                    "the file has " + revisions.size() + " revisions; the limit is " + MAX_REVISIONS));
            return PdfVerification.failed(checks);
        }
        Optional<PdfStructure.Failure> structure = PdfStructure.problem(pdf, revisions);
        if (structure.isPresent()) {
            checks.add(Check.failed(
                    "pdf.structure", structure.get().reason(), structure.get().message()));
            return PdfVerification.failed(checks);
        }
        checks.add(Check.passed(
                "pdf.structure",
                revisions.size() + " revision(s), each with an exact cross-reference section; a scan of the bytes"
                        + " finds exactly the objects they define"));
        try (PDDocument document = load(pdf)) {
            int objects = document.getDocument().getXrefTable().size();
            if (objects > MAX_OBJECTS) {
                checks.add(Check.failed(
                        "pdf.size",
                        ReasonCode.INPUT_TOO_LARGE,
                        "the file declares " + objects + " objects; the limit is " + MAX_OBJECTS));
                return PdfVerification.failed(checks);
            }
            checks.add(Check.passed("pdf.format", "PDF parsed, " + document.getNumberOfPages() + " page(s)"));
            List<PDSignature> all = document.getSignatureDictionaries();
            List<PDSignature> timestamps = all.stream()
                    .filter(PdfSignatureVerifier::isDocumentTimestamp)
                    .toList();
            List<PDSignature> signatures = all.stream()
                    .filter(signature -> !isDocumentTimestamp(signature))
                    .toList();
            if (signatures.isEmpty()) {
                // A later revision may have dropped the signature field of an earlier, signed one.
                checks.add(
                        earlierRevisionWasSigned(pdf, revisions)
                                ? Check.failed(
                                        "pdf.revisions",
                                        ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                                        "an earlier revision of the file was signed; a later one removed the"
                                                + " signature")
                                : Check.failed("pdf.signature", ReasonCode.PDF_UNSIGNED, "the PDF has no signature"));
                return PdfVerification.failed(checks);
            }
            if (signatures.size() > 1) {
                checks.add(Check.failed(
                        "pdf.revisions",
                        ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                        "the PDF has " + signatures.size() + " signatures; a Cachet certificate has one"));
                return PdfVerification.failed(checks);
            }
            PDSignature signature = signatures.get(0);
            if (!certifiesWithNoChangesAllowed(document, signature)) {
                checks.add(Check.failed(
                        "pdf.certification",
                        ReasonCode.PDF_SIGNATURE_FORMAT,
                        "the signature is not the document's certification signature with DocMDP P=1"));
                return PdfVerification.failed(checks);
            }
            checks.add(Check.passed("pdf.certification", "certification signature, DocMDP P=1: no change allowed"));
            Optional<Signed> signed = checkSignature(pdf, signature, revisions, checks);
            if (signed.isEmpty()) {
                return PdfVerification.failed(checks);
            }
            int signedEnd = signed.get().end();
            try (PDDocument signedRevision = signedEnd == pdf.length ? null : load(Arrays.copyOf(pdf, signedEnd))) {
                PDDocument original = signedRevision == null ? document : signedRevision;
                Optional<List<PdfTimestamp>> later =
                        checkLaterRevisions(pdf, document, original, signed.get(), timestamps, revisions, checks);
                if (later.isEmpty()) {
                    return PdfVerification.failed(checks);
                }
                List<PdfTimestamp> allTimestamps = new ArrayList<>();
                allTimestamps.add(signed.get().timestamp());
                allTimestamps.addAll(later.get());
                ValidationData validationData;
                try {
                    validationData = ValidationData.read(document);
                } catch (IOException e) {
                    checks.add(Check.failed("pdf.validation-data", ReasonCode.PDF_MALFORMED, e.getMessage()));
                    return PdfVerification.failed(checks);
                }
                if (!LongTermValidation.check(
                        signed.get().signer(), allTimestamps, validationData, trust.anchors(), now, checks)) {
                    return PdfVerification.failed(checks);
                }
                Optional<String> seal = readSealFromPage ? readSeal(original) : Optional.empty();
                if (!readSealFromPage) {
                    // The caller knows the seal: nothing to report.
                } else if (seal.isEmpty()) {
                    checks.add(Check.failed(
                            "pdf.seal", ReasonCode.NO_CODE_FOUND, "no readable QR code on the first page"));
                } else {
                    checks.add(Check.passed("pdf.seal", "QR code read from the signed revision's page"));
                }
                String level =
                        !later.get().isEmpty() ? "B-LTA" : validationData.crls().isEmpty() ? "B-T" : "B-LT";
                return new PdfVerification(
                        checks,
                        Optional.of(new PdfVerification.SignedFacts(
                                signed.get().signer(),
                                signed.get().timestamp().at(),
                                sha256Hex(pdf, signedEnd),
                                level,
                                allTimestamps)),
                        seal);
            }
        } catch (IOException | RuntimeException e) {
            checks.add(Check.failed(
                    "pdf.format", ReasonCode.PDF_MALFORMED, "the PDF cannot be parsed: " + e.getMessage()));
            return PdfVerification.failed(checks);
        }
    }

    /** A document timestamp (PAdES B-LTA): /Type /DocTimeStamp or SubFilter ETSI.RFC3161. */
    private static boolean isDocumentTimestamp(PDSignature signature) {
        return RevisionChanges.DOC_TIME_STAMP.equals(signature.getCOSObject().getCOSName(COSName.TYPE))
                || RFC3161.equals(signature.getSubFilter());
    }

    /**
     * What follows the issuer's signed revision: only validation data (/DSS) and document timestamps, each
     * timestamp verified over exactly the revisions before it, and after the last signature or timestamp nothing
     * but validation data. Returns the verified document timestamps in file order, or empty after a failed check.
     */
    private Optional<List<PdfTimestamp>> checkLaterRevisions(
            byte[] pdf,
            PDDocument document,
            PDDocument signedRevision,
            Signed signed,
            List<PDSignature> timestamps,
            List<Integer> revisions,
            List<Check> checks)
            throws IOException {
        int signedEnd = signed.end();
        if (signedEnd == pdf.length && timestamps.isEmpty()) {
            checks.add(Check.passed(
                    "pdf.revisions", revisions.size() + " revision(s); one signature, and nothing after it"));
            return Optional.of(List.of());
        }
        Map<Long, Integer> generations = new HashMap<>();
        signedRevision
                .getDocument()
                .getXrefTable()
                .keySet()
                .forEach(key -> generations.put(key.getNumber(), key.getGeneration()));
        Set<Long> signedObjects = new HashSet<>(generations.keySet());
        int previousEnd = signedEnd;
        for (int end : revisions) {
            if (end > signedEnd) {
                Set<Long> defined = new HashSet<>();
                Optional<String> problem = RevisionXref.check(pdf, previousEnd, end, generations, defined);
                if (problem.isEmpty()) {
                    defined.removeAll(signedObjects);
                    problem = readAlikeAndReachable(pdf, previousEnd, end, document, defined);
                }
                if (problem.isPresent()) {
                    checks.add(Check.failed(
                            "pdf.revisions",
                            ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                            "the update at bytes " + previousEnd + " to " + end + " after the signature is not a"
                                    + " strict incremental update: " + problem.get()));
                    return Optional.empty();
                }
                previousEnd = end;
            }
        }
        List<TimestampAt> verified = new ArrayList<>();
        for (PDSignature timestamp : timestamps) {
            Optional<TimestampAt> one = checkDocumentTimestamp(pdf, timestamp, revisions, signedEnd, checks);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            verified.add(one.get());
        }
        verified.sort(java.util.Comparator.comparingInt(TimestampAt::end));
        Instant previous = signed.timestamp().at();
        for (TimestampAt timestamp : verified) {
            if (timestamp.timestamp().at().isBefore(previous)) {
                checks.add(Check.failed(
                        "pdf.document-timestamp",
                        ReasonCode.PDF_TIMESTAMP_INVALID,
                        "a document timestamp (" + timestamp.timestamp().at() + ") is older than what it covers ("
                                + previous + ")"));
                return Optional.empty();
            }
            previous = timestamp.timestamp().at();
        }
        Optional<String> change = RevisionChanges.disallowed(signedRevision, document, true);
        if (change.isPresent()) {
            checks.add(Check.failed("pdf.revisions", ReasonCode.PDF_MODIFIED_AFTER_SIGNING, change.get()));
            return Optional.empty();
        }
        int lastCovered = verified.isEmpty()
                ? signedEnd
                : verified.get(verified.size() - 1).end();
        if (lastCovered < pdf.length) {
            // Validation data is self-authenticating (certificates and CRLs are signed by their issuers), so it may
            // follow the last timestamp (PAdES B-LT); nothing else may.
            Optional<String> trailing;
            if (lastCovered == signedEnd) {
                trailing = RevisionChanges.disallowed(signedRevision, document, false);
            } else {
                try (PDDocument covered = load(Arrays.copyOf(pdf, lastCovered))) {
                    trailing = RevisionChanges.disallowed(covered, document, false);
                }
            }
            if (trailing.isPresent()) {
                checks.add(Check.failed(
                        "pdf.revisions",
                        ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                        "after the last signature or timestamp: " + trailing.get()));
                return Optional.empty();
            }
        }
        checks.add(Check.passed(
                "pdf.revisions",
                revisions.size() + " revision(s): the signed one, then only validation data"
                        + (verified.isEmpty() ? "" : " and " + verified.size() + " document timestamp(s)")));
        return Optional.of(verified.stream().map(TimestampAt::timestamp).toList());
    }

    /**
     * The first of {@code added} (object numbers new since the signature) that the final document does not reach
     * from its trailer's /Root and /Info, walking references through dictionaries, arrays and stream dictionaries.
     */
    private static Optional<Long> unreachableObject(PDDocument document, Set<Long> added) {
        if (added.isEmpty()) {
            return Optional.empty();
        }
        Set<Long> reached = new HashSet<>();
        java.util.ArrayDeque<COSBase> pending = new java.util.ArrayDeque<>();
        COSDictionary trailer = document.getDocument().getTrailer();
        pending.add(trailer.getItem(COSName.ROOT) == null ? new COSDictionary() : trailer.getItem(COSName.ROOT));
        if (trailer.getItem(COSName.INFO) != null) {
            pending.add(trailer.getItem(COSName.INFO));
        }
        int visited = 0;
        while (!pending.isEmpty() && visited++ < 4 * MAX_OBJECTS) {
            COSBase next = pending.poll();
            if (next instanceof org.apache.pdfbox.cos.COSObject reference) {
                if (reference.getKey() == null
                        || !reached.add(reference.getKey().getNumber())) {
                    continue;
                }
                COSBase target = reference.getObject();
                if (target != null) {
                    pending.add(target);
                }
            } else if (next instanceof COSDictionary dictionary) {
                dictionary.getValues().forEach(pending::add);
            } else if (next instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    pending.add(array.get(i));
                }
            }
        }
        return added.stream()
                .filter(number -> !reached.contains(number))
                .sorted()
                .findFirst();
    }

    /**
     * For the update {@code [start, end)}, with the file up to its end as PDFBox loads it: PDFBox reads every object
     * of the update as the strict reader does ({@link RevisionXref#readAlikeByPdfBox}), and every object the update
     * adds ({@code added}) is referred to from that revision's document — an object nothing refers to would matter
     * only to a reader that rebuilds the cross-reference by scanning the bytes. (A later update may orphan it, e.g.
     * a replaced /DSS.)
     */
    private static Optional<String> readAlikeAndReachable(
            byte[] pdf, int start, int end, PDDocument whole, Set<Long> added) throws IOException {
        if (end == pdf.length) {
            return readAlikeAndReachable(pdf, start, end, whole.getDocument(), whole, added);
        }
        try (PDDocument prefix = load(Arrays.copyOf(pdf, end))) {
            return readAlikeAndReachable(pdf, start, end, prefix.getDocument(), prefix, added);
        }
    }

    private static Optional<String> readAlikeAndReachable(
            byte[] pdf,
            int start,
            int end,
            org.apache.pdfbox.cos.COSDocument cos,
            PDDocument document,
            Set<Long> added) {
        Optional<String> problem = RevisionXref.readAlikeByPdfBox(pdf, start, end, cos);
        if (problem.isEmpty()) {
            problem = DssContent.problem(document);
        }
        if (problem.isPresent()) {
            return problem;
        }
        return unreachableObject(document, added)
                .map(number -> "it adds object " + number + ", which nothing in the document refers to");
    }

    /**
     * The timestamp's dictionary is defined in the revision its /ByteRange ends, and the gap lies inside that very
     * definition: a field cannot borrow another field's /Contents, nor one from an earlier revision.
     */
    private static boolean gapInsideOwnDefinition(
            byte[] pdf, PDSignature timestamp, int[] range, int end, List<Integer> revisions) {
        COSObjectKey key = timestamp.getCOSObject().getKey();
        if (key == null) {
            return false;
        }
        int start = 0;
        for (int revisionEnd : revisions) {
            if (revisionEnd < end) {
                start = revisionEnd;
            }
        }
        Optional<int[]> span = RevisionXref.definitionSpan(pdf, start, end, key.getNumber(), key.getGeneration());
        return span.isPresent() && span.get()[0] <= range[1] && range[2] <= span.get()[1];
    }

    /** A verified document timestamp and where the bytes it covers end. */
    private record TimestampAt(PdfTimestamp timestamp, int end) {}

    /**
     * A document timestamp (ETSI EN 319 142-1 §5.4.3): the same /ByteRange and /Contents strictness as the
     * signature, ending at a revision's end after the signed revision, its /Contents one RFC 3161 token over the
     * SHA-256 of the bytes it covers, from an authority issued by a trust anchor.
     */
    private Optional<TimestampAt> checkDocumentTimestamp(
            byte[] pdf, PDSignature timestamp, List<Integer> revisions, int signedEnd, List<Check> checks) {
        if (!RFC3161.equals(timestamp.getSubFilter())
                || !RevisionChanges.DOC_TIME_STAMP.equals(
                        timestamp.getCOSObject().getCOSName(COSName.TYPE))) {
            checks.add(Check.failed(
                    "pdf.document-timestamp",
                    ReasonCode.PDF_SIGNATURE_FORMAT,
                    "a document timestamp must be /Type /DocTimeStamp with SubFilter " + RFC3161));
            return Optional.empty();
        }
        Optional<int[]> byteRange = strictByteRange(timestamp);
        Optional<byte[]> contents = byteRange.flatMap(range -> contentsFromGap(pdf, range, timestamp));
        if (byteRange.isEmpty() || contents.isEmpty()) {
            checks.add(Check.failed(
                    "pdf.document-timestamp",
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "a document timestamp's /ByteRange does not frame its /Contents exactly"));
            return Optional.empty();
        }
        int[] range = byteRange.get();
        long end = (long) range[2] + range[3];
        if (range[1] >= range[2] || end > pdf.length || end <= signedEnd || !revisions.contains((int) end)) {
            checks.add(Check.failed(
                    "pdf.document-timestamp",
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "a document timestamp does not cover whole revisions after the signature"));
            return Optional.empty();
        }
        if (!gapInsideOwnDefinition(pdf, timestamp, range, (int) end, revisions)) {
            checks.add(Check.failed(
                    "pdf.document-timestamp",
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "a document timestamp's /ByteRange gap is not its own /Contents in the revision it ends"));
            return Optional.empty();
        }
        Optional<byte[]> token = withoutPadding(contents.get());
        if (token.isEmpty()) {
            checks.add(Check.failed(
                    "pdf.document-timestamp",
                    ReasonCode.PDF_SIGNATURE_FORMAT,
                    "a document timestamp's /Contents is not one DER token followed only by zero padding"));
            return Optional.empty();
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(pdf, range[0], range[1]);
            sha256.update(pdf, range[2], range[3]);
            PdfTimestamp verified = TimestampTokens.verify(
                    "document", ContentInfo.getInstance(token.get()), sha256.digest(), trust.timestampAnchors());
            checks.add(Check.passed(
                    "pdf.document-timestamp",
                    "document timestamp of the first " + end + " bytes at " + verified.at() + " by "
                            + verified.authority().getSubjectX500Principal().getName()));
            return Optional.of(new TimestampAt(verified, (int) end));
        } catch (TimestampTokens.Rejected | NoSuchAlgorithmException | RuntimeException e) {
            checks.add(Check.failed("pdf.document-timestamp", ReasonCode.PDF_TIMESTAMP_INVALID, e.getMessage()));
            return Optional.empty();
        }
    }

    private static String sha256Hex(byte[] pdf, int length) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(pdf, 0, length);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * The catalog's /Perms /DocMDP is this very signature dictionary, whose one /Reference is a DocMDP transform with
     * P=1 (ISO 32000-1 §12.8.2.2, §12.8.4): a certified document in which no change is permitted.
     */
    private static boolean certifiesWithNoChangesAllowed(PDDocument document, PDSignature signature) {
        COSDictionary permissions = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
        if (permissions == null || permissions.getDictionaryObject(COSName.DOCMDP) != signature.getCOSObject()) {
            return false;
        }
        if (!(signature.getCOSObject().getDictionaryObject(COSName.getPDFName("Reference"))
                        instanceof COSArray references)
                || references.size() != 1
                || !(references.getObject(0) instanceof COSDictionary reference)
                || !COSName.DOCMDP.equals(reference.getDictionaryObject(COSName.getPDFName("TransformMethod")))
                || !(reference.getDictionaryObject(COSName.getPDFName("TransformParams"))
                        instanceof COSDictionary parameters)) {
            return false;
        }
        return parameters.getDictionaryObject(COSName.P) instanceof COSInteger p && p.longValue() == 1;
    }

    private static PDDocument load(byte[] pdf) throws IOException {
        return Loader.loadPDF(
                pdf, "", null, null, MemoryUsageSetting.setupMainMemoryOnly(MAX_DECODED_BYTES).streamCache);
    }

    /**
     * Where each revision ends: just after each {@code %%EOF} marker and its end-of-line (ISO 32000-1 §7.5.6, each
     * incremental update ends with its own trailer and marker).
     */
    static List<Integer> revisionEnds(byte[] pdf) {
        List<Integer> ends = new ArrayList<>();
        byte[] marker = "%%EOF".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + marker.length <= pdf.length; i++) {
            if (Arrays.equals(pdf, i, i + marker.length, marker, 0, marker.length)) {
                int end = i + marker.length;
                if (end < pdf.length && pdf[end] == '\r') {
                    end++;
                }
                if (end < pdf.length && pdf[end] == '\n') {
                    end++;
                }
                ends.add(end);
                i = end - 1;
            }
        }
        return ends;
    }

    private static boolean earlierRevisionWasSigned(byte[] pdf, List<Integer> revisionEnds) {
        for (int end : revisionEnds) {
            if (end >= pdf.length) {
                continue;
            }
            try (PDDocument earlier = load(Arrays.copyOf(pdf, end))) {
                if (!earlier.getSignatureDictionaries().isEmpty()) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // Not a parsable revision on its own: it cannot have been signed as such.
            }
        }
        return false;
    }

    /** A verified signature: its trusted signer and the time of its timestamp. */
    /** A verified signature: its trusted signer, its signature timestamp and where the bytes it covers end. */
    private record Signed(X509Certificate signer, PdfTimestamp timestamp, int end) {}

    private Optional<Signed> checkSignature(
            byte[] pdf, PDSignature signature, List<Integer> revisions, List<Check> checks) {
        if (!CADES_DETACHED.equals(signature.getSubFilter())) {
            checks.add(Check.failed(
                    "pdf.signature-format",
                    ReasonCode.PDF_SIGNATURE_FORMAT,
                    "SubFilter is " + signature.getSubFilter() + ", expected " + CADES_DETACHED));
            return Optional.empty();
        }
        Optional<int[]> byteRange = strictByteRange(signature);
        if (byteRange.isEmpty()) {
            checks.add(Check.failed(
                    "pdf.byte-range",
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "/ByteRange must be exactly four non-negative integers starting at 0"));
            return Optional.empty();
        }
        int[] range = byteRange.get();
        long end = (long) range[2] + range[3];
        if (range[1] >= range[2] || end > pdf.length) {
            checks.add(Check.failed(
                    "pdf.byte-range",
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "/ByteRange points outside the file or overlaps itself"));
            return Optional.empty();
        }
        Optional<byte[]> contents = contentsFromGap(pdf, range, signature);
        if (contents.isEmpty()) {
            checks.add(Check.failed(
                    "pdf.byte-range",
                    ReasonCode.PDF_BYTE_RANGE_INVALID,
                    "the gap in /ByteRange is not exactly the /Contents hex string"));
            return Optional.empty();
        }
        Optional<byte[]> cms = withoutPadding(contents.get());
        if (cms.isEmpty()) {
            checks.add(Check.failed(
                    "pdf.signature-format",
                    ReasonCode.PDF_SIGNATURE_FORMAT,
                    "/Contents is not one DER-encoded CMS followed only by zero padding"));
            return Optional.empty();
        }
        checks.add(Check.passed("pdf.byte-range", "/ByteRange frames /Contents exactly"));
        int lastRevisionEnd = revisions.isEmpty() ? 0 : revisions.get(revisions.size() - 1);
        if (lastRevisionEnd != pdf.length) {
            checks.add(Check.failed(
                    "pdf.coverage",
                    ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                    (pdf.length - lastRevisionEnd) + " byte(s) follow the file's last end-of-file marker"));
            return Optional.empty();
        }
        if (!revisions.contains((int) end)) {
            checks.add(Check.failed(
                    "pdf.coverage",
                    ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                    "the signed part of the file does not end at the end of a revision"));
            return Optional.empty();
        }
        checks.add(Check.passed(
                "pdf.coverage",
                end == pdf.length
                        ? "the signature covers the whole file"
                        : "the signature covers the first " + end + " of " + pdf.length + " bytes, a whole revision"));

        byte[] signedBytes = new byte[range[1] + range[3]];
        System.arraycopy(pdf, range[0], signedBytes, 0, range[1]);
        System.arraycopy(pdf, range[2], signedBytes, range[1], range[3]);
        return checkCms(cms.get(), signedBytes, checks)
                .map(signed -> new Signed(signed.signer(), signed.timestamp(), (int) end));
    }

    @SuppressWarnings("unchecked")
    private Optional<Signed> checkCms(byte[] cms, byte[] signedBytes, List<Check> checks) {
        try {
            CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(signedBytes), cms);
            Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                checks.add(Check.failed(
                        "pdf.signature-format",
                        ReasonCode.PDF_SIGNATURE_FORMAT,
                        "the CMS has " + signers.size() + " SignerInfos; exactly one is expected"));
                return Optional.empty();
            }
            SignerInformation signerInfo = signers.iterator().next();
            Optional<String> structure = unexpectedStructure(data, signerInfo, cms);
            if (structure.isPresent()) {
                checks.add(Check.failed("pdf.signature-format", ReasonCode.PDF_SIGNATURE_FORMAT, structure.get()));
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = data.getCertificates().getMatches(signerInfo.getSID());
            if (matches.size() != 1) {
                checks.add(Check.failed(
                        "pdf.signer",
                        ReasonCode.PDF_SIGNATURE_FORMAT,
                        "the CMS does not carry exactly one signer certificate"));
                return Optional.empty();
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(matches.iterator().next());
            // The signer identifier is not signed: it must name the certificate byte for byte, not just match it.
            if (!sidNamesExactly(data, certificate)) {
                checks.add(Check.failed(
                        "pdf.signer",
                        ReasonCode.PDF_SIGNATURE_FORMAT,
                        "the signer identifier does not name the signing certificate exactly"));
                return Optional.empty();
            }
            if (!trust.trustsSigner(certificate)) {
                checks.add(Check.failed(
                        "pdf.signer",
                        ReasonCode.PDF_SIGNER_UNTRUSTED,
                        "signed by " + certificate.getSubjectX500Principal().getName()
                                + ", which is not a trusted Cachet signer"));
                return Optional.empty();
            }
            for (X509CertificateHolder carried :
                    (Collection<X509CertificateHolder>) data.getCertificates().getMatches(null)) {
                X509Certificate other = new JcaX509CertificateConverter().getCertificate(carried);
                if (!other.equals(certificate) && !trust.anchors().contains(other)) {
                    checks.add(Check.failed(
                            "pdf.signer",
                            ReasonCode.PDF_SIGNATURE_FORMAT,
                            "the signature carries a certificate that is neither its signer nor a trust anchor: "
                                    + other.getSubjectX500Principal().getName()));
                    return Optional.empty();
                }
            }
            checks.add(Check.passed(
                    "pdf.signer",
                    "signed by " + certificate.getSubjectX500Principal().getName()));
            if (!signingCertificateV2Matches(signerInfo, certificate)) {
                checks.add(Check.failed(
                        "pdf.signature-format",
                        ReasonCode.PDF_SIGNATURE_FORMAT,
                        "the signing-certificate-v2 attribute is missing or names another certificate"));
                return Optional.empty();
            }
            if (!signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(io.cachet.core.crypto.Es256.bouncyCastleProvider())
                    .build(certificate))) {
                checks.add(Check.failed(
                        "pdf.signature",
                        ReasonCode.PDF_SIGNATURE_INVALID,
                        "the signature does not verify over the signed bytes"));
                return Optional.empty();
            }
            checks.add(Check.passed("pdf.signature", "PAdES signature verified over the signed bytes"));
            return checkTimestamp(signerInfo, certificate, checks).map(at -> new Signed(certificate, at, 0));
        } catch (CMSException | CertificateException | OperatorCreationException | RuntimeException e) {
            checks.add(Check.failed(
                    "pdf.signature",
                    ReasonCode.PDF_SIGNATURE_INVALID,
                    "the signature does not verify: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * The parts of a CMS SignedData that its signature does not cover must still be exactly what Cachet writes
     * (RFC 5652 §5; ETSI EN 319 142-1 §5.3 for content-type id-data), so that no byte of a signed PDF can change
     * unnoticed: version 1, digest algorithms {SHA-256}, detached id-data content, no CRLs, signer identified by
     * issuer and serial, content-type attribute id-data.
     */
    private static Optional<String> unexpectedStructure(CMSSignedData data, SignerInformation signerInfo, byte[] cms) {
        String sha256 = NISTObjectIdentifiers.id_sha256.getId();
        try {
            // DER has exactly one encoding per value: any other byte sequence for the same CMS is refused.
            if (!Arrays.equals(data.toASN1Structure().getEncoded(ASN1Encoding.DER), cms)) {
                return Optional.of("the CMS is not DER-encoded");
            }
            ASN1Sequence rawSignerInfo = ASN1Sequence.getInstance(
                    SignedData.getInstance(data.toASN1Structure().getContent())
                            .getSignerInfos()
                            .getObjectAt(0));
            if (!TimestampTokens.attributesTaggedAsSpecified(rawSignerInfo, true)) {
                return Optional.of("the SignerInfo's attributes are not tagged [0] signed and [1] unsigned");
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.of("the CMS structure cannot be read: " + e.getMessage());
        }
        if (!CMSObjectIdentifiers.signedData.equals(data.toASN1Structure().getContentType())) {
            return Optional.of("the CMS content type is not signedData");
        }
        if (data.getVersion() != 1) {
            return Optional.of("the CMS SignedData version is " + data.getVersion() + ", expected 1");
        }
        var digestAlgorithms = data.getDigestAlgorithmIDs();
        if (digestAlgorithms.size() != 1
                || !digestAlgorithms.iterator().next().getAlgorithm().getId().equals(sha256)
                || !signerInfo.getDigestAlgOID().equals(sha256)) {
            return Optional.of("the CMS digest algorithms are not exactly SHA-256");
        }
        if (!CMSObjectIdentifiers.data.getId().equals(data.getSignedContentTypeOID())
                || data.getSignedContent() == null) {
            return Optional.of("the CMS does not sign detached id-data content");
        }
        if (!data.getCRLs().getMatches(null).isEmpty()
                || !data.getAttributeCertificates().getMatches(null).isEmpty()) {
            return Optional.of("the CMS carries CRLs or attribute certificates");
        }
        if (signerInfo.getVersion() != 1 || !CMSObjectIdentifiers.data.equals(signerInfo.getContentType())) {
            return Optional.of("the SignerInfo is not version 1 with content-type id-data");
        }
        AttributeTable unsigned = signerInfo.getUnsignedAttributes();
        if (unsigned != null) {
            ASN1EncodableVector attributes = unsigned.toASN1EncodableVector();
            if (attributes.size() != 1
                    || !PKCSObjectIdentifiers.id_aa_signatureTimeStampToken.equals(
                            Attribute.getInstance(attributes.get(0)).getAttrType())
                    || Attribute.getInstance(attributes.get(0)).getAttrValues().size() != 1) {
                return Optional.of("the SignerInfo's unsigned attributes are not exactly one signature timestamp");
            }
        }
        return Optional.empty();
    }

    /**
     * The signature timestamp (PAdES B-T; RFC 3161): one token from an authority issued by a trust anchor (see
     * {@link TimestampTokens}) whose message imprint is the SHA-256 of this signature value, and at whose time the
     * signer's certificate was valid and its key not revoked. The time of the signature is the token's genTime,
     * never the PDF's /M.
     */
    private Optional<PdfTimestamp> checkTimestamp(
            SignerInformation signerInfo, X509Certificate signer, List<Check> checks) {
        AttributeTable unsigned = signerInfo.getUnsignedAttributes();
        Attribute attribute =
                unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            checks.add(Check.failed(
                    "pdf.timestamp",
                    ReasonCode.PDF_TIMESTAMP_MISSING,
                    "the signature carries no signature timestamp (PAdES B-T)"));
            return Optional.empty();
        }
        PdfTimestamp timestamp;
        try {
            byte[] imprint = MessageDigest.getInstance("SHA-256").digest(signerInfo.getSignature());
            timestamp = TimestampTokens.verify(
                    "signature",
                    ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)),
                    imprint,
                    trust.timestampAnchors());
        } catch (TimestampTokens.Rejected | NoSuchAlgorithmException | RuntimeException e) {
            checks.add(Check.failed("pdf.timestamp", ReasonCode.PDF_TIMESTAMP_INVALID, e.getMessage()));
            return Optional.empty();
        }
        Instant at = timestamp.at();
        checks.add(Check.passed(
                "pdf.timestamp",
                "signature timestamped at " + at + " by "
                        + timestamp.authority().getSubjectX500Principal().getName()));
        try {
            signer.checkValidity(Date.from(at));
        } catch (java.security.cert.CertificateExpiredException
                | java.security.cert.CertificateNotYetValidException e) {
            checks.add(Check.failed(
                    "pdf.signer-validity",
                    ReasonCode.PDF_SIGNER_NOT_VALID_AT_SIGNING,
                    "the signing certificate, valid "
                            + signer.getNotBefore().toInstant() + " to "
                            + signer.getNotAfter().toInstant() + ", was not valid at " + at));
            return Optional.empty();
        }
        Optional<Revocation> revocation = trust.revocation(Kid.of(signer));
        if (revocation.isPresent() && revocation.get().covers(at)) {
            checks.add(Check.failed(
                    "pdf.signer-validity",
                    ReasonCode.KEY_REVOKED,
                    "the signing key was revoked from " + revocation.get().since() + "; the PDF was signed at " + at));
            return Optional.empty();
        }
        checks.add(Check.passed(
                "pdf.signer-validity",
                "the signing certificate was valid, and its key not revoked, at the timestamp's time"));
        return Optional.of(timestamp);
    }

    private static boolean signingCertificateV2Matches(SignerInformation signerInfo, X509Certificate certificate) {
        if (signerInfo.getSignedAttributes() == null) {
            return false;
        }
        Attribute attribute = signerInfo.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return false;
        }
        try {
            ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
            ESSCertIDv2[] ids = SigningCertificateV2.getInstance(value).getCerts();
            if (ids.length == 0
                    || !"2.16.840.1.101.3.4.2.1"
                            .equals(ids[0].getHashAlgorithm().getAlgorithm().getId())) {
                return false;
            }
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return MessageDigest.isEqual(expected, ids[0].getCertHash());
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException | RuntimeException e) {
            return false;
        }
    }

    private static boolean sidNamesExactly(CMSSignedData data, X509Certificate certificate) {
        try {
            SignerInfo raw = SignerInfo.getInstance(
                    SignedData.getInstance(data.toASN1Structure().getContent())
                            .getSignerInfos()
                            .getObjectAt(0));
            byte[] carried = raw.getSID().getId().toASN1Primitive().getEncoded(ASN1Encoding.DER);
            byte[] expected = new IssuerAndSerialNumber(
                            org.bouncycastle.asn1.x509.Certificate.getInstance(certificate.getEncoded()))
                    .getEncoded(ASN1Encoding.DER);
            return Arrays.equals(carried, expected);
        } catch (java.io.IOException | java.security.cert.CertificateEncodingException | RuntimeException e) {
            return false;
        }
    }

    /** The /ByteRange as four non-negative integers starting at 0, or empty when it is anything else. */
    private static Optional<int[]> strictByteRange(PDSignature signature) {
        COSBase base = signature.getCOSObject().getDictionaryObject(COSName.BYTERANGE);
        if (!(base instanceof COSArray array) || array.size() != 4) {
            return Optional.empty();
        }
        int[] range = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!(array.getObject(i) instanceof COSInteger integer)) {
                return Optional.empty();
            }
            long value = integer.longValue();
            if (value < 0 || value > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            range[i] = (int) value;
        }
        return range[0] == 0 ? Optional.of(range) : Optional.empty();
    }

    /**
     * The signature bytes, when the gap between the two signed ranges is exactly {@code <hex>} and that hex is the
     * /Contents of the parsed signature dictionary (Signature Wrapping defence).
     */
    private static Optional<byte[]> contentsFromGap(byte[] pdf, int[] range, PDSignature signature) {
        int from = range[1];
        int to = range[2];
        if (to - from < 2 || pdf[from] != '<' || pdf[to - 1] != '>') {
            return Optional.empty();
        }
        String hex = new String(pdf, from + 1, to - from - 2, StandardCharsets.US_ASCII);
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        byte[] gapBytes = HexFormat.of().parseHex(hex);
        COSBase parsed = signature.getCOSObject().getDictionaryObject(COSName.CONTENTS);
        if (!(parsed instanceof COSString contents) || !Arrays.equals(contents.getBytes(), gapBytes)) {
            return Optional.empty();
        }
        return Optional.of(gapBytes);
    }

    /** The seal from the first page: the QR image itself when it can be decoded, else a rendering of the page. */
    private static Optional<String> readSeal(PDDocument document) throws IOException {
        if (document.getNumberOfPages() == 0) {
            return Optional.empty();
        }
        PDPage page = document.getPage(0);
        PDResources resources = page.getResources();
        if (resources != null) {
            for (COSName name : resources.getXObjectNames()) {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject image && image.getWidth() <= 4096 && image.getHeight() <= 4096) {
                    Optional<String> text = QrCodes.read(image.getImage());
                    if (text.isPresent()) {
                        return text;
                    }
                }
            }
        }
        BufferedImage rendered = new PDFRenderer(document).renderImageWithDPI(0, QR_RENDER_DPI, ImageType.GRAY);
        return PAGE_READER.read(rendered);
    }

    /**
     * The CMS without the zero padding that fills the reserved /Contents space. Anything other than zeros after
     * the DER structure would be unsigned, malleable data inside the signature, so it is refused.
     */
    static Optional<byte[]> withoutPadding(byte[] contents) {
        if (contents.length < 2 || contents[0] != 0x30) {
            return Optional.empty();
        }
        int first = contents[1] & 0xFF;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 4 || contents.length < 2 + count) {
                return Optional.empty();
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (contents[2 + i] & 0xFF);
            }
            header = 2 + count;
        }
        long end = header + length;
        if (end > contents.length) {
            return Optional.empty();
        }
        for (int i = (int) end; i < contents.length; i++) {
            if (contents[i] != 0) {
                return Optional.empty();
            }
        }
        return Optional.of(Arrays.copyOf(contents, (int) end));
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
