package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * What follows the issuer's signed revision (PAdES B-LT and B-LTA, ETSI EN 319 142-1 §5.4): only validation data
 * ({@code /DSS}) and document timestamps. Each update after the signature is a strict incremental update
 * ({@link RevisionXref}) that PDFBox reads alike and whose new objects the document reaches; each document timestamp
 * verifies ({@link DocumentTimestampCheck}) and is no older than what it covers; the objects of the final document
 * differ from the signed revision's only as {@link RevisionChanges} allows, and after the last signature or timestamp
 * by validation data alone. Adds the {@code pdf.revisions} and {@code pdf.document-timestamp} checks.
 */
final class LaterRevisionsCheck {
    private final DocumentTimestampCheck documentTimestamp;

    LaterRevisionsCheck(TrustStore trust) {
        this.documentTimestamp = new DocumentTimestampCheck(requireNonNull(trust, "trust is null"));
    }

    /**
     * Whether a revision before the last one, read on its own, has a signature: a later revision may have dropped
     * the signature field of an earlier, signed one.
     */
    static boolean earlierRevisionWasSigned(byte[] pdf, List<Integer> revisionEnds) {
        for (int end : revisionEnds) {
            if (end >= pdf.length) {
                continue;
            }
            try (PDDocument earlier = LimitedLoader.load(Arrays.copyOf(pdf, end))) {
                if (!earlier.getSignatureDictionaries().isEmpty()) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // Not a parsable revision on its own: it cannot have been signed as such.
            }
        }
        return false;
    }

    /**
     * Checks what follows {@code signed} in {@code pdf} ({@code document} as PDFBox reads the whole file,
     * {@code signedRevision} the file up to the signature's end), whose document timestamps are {@code timestamps}.
     * Returns the verified document timestamps in file order, or empty after a failed check.
     */
    Optional<List<PdfTimestamp>> check(
            byte[] pdf,
            PDDocument document,
            PDDocument signedRevision,
            SignedRevision signed,
            List<PDSignature> timestamps,
            List<Integer> revisions,
            List<Check> checks)
            throws IOException {
        int signedEnd = signed.end();
        if (signedEnd == pdf.length && timestamps.isEmpty()) {
            checks.add(Check.passed(
                    CheckName.PDF_REVISIONS, revisions.size() + " revision(s); one signature, and nothing after it"));
            return Optional.of(List.of());
        }
        Optional<String> untiled = firstStrayUpdate(pdf, document, signedRevision, signedEnd, revisions);
        if (untiled.isPresent()) {
            checks.add(Check.failed(CheckName.PDF_REVISIONS, ReasonCode.PDF_MODIFIED_AFTER_SIGNING, untiled.get()));
            return Optional.empty();
        }
        List<DocumentTimestampCheck.TimestampAt> verified = new ArrayList<>();
        for (PDSignature timestamp : timestamps) {
            Optional<DocumentTimestampCheck.TimestampAt> one =
                    documentTimestamp.check(pdf, timestamp, revisions, signedEnd, checks);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            verified.add(one.get());
        }
        verified.sort(Comparator.comparingInt(DocumentTimestampCheck.TimestampAt::end));
        Instant previous = signed.timestamp().at();
        for (DocumentTimestampCheck.TimestampAt timestamp : verified) {
            if (timestamp.timestamp().at().isBefore(previous)) {
                checks.add(Check.failed(
                        CheckName.PDF_DOCUMENT_TIMESTAMP,
                        ReasonCode.PDF_TIMESTAMP_INVALID,
                        "a document timestamp (" + timestamp.timestamp().at() + ") is older than what it covers ("
                                + previous + ")"));
                return Optional.empty();
            }
            previous = timestamp.timestamp().at();
        }
        Optional<String> change = RevisionChanges.disallowed(signedRevision, document, true);
        if (change.isPresent()) {
            checks.add(Check.failed(CheckName.PDF_REVISIONS, ReasonCode.PDF_MODIFIED_AFTER_SIGNING, change.get()));
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
                try (PDDocument covered = LimitedLoader.load(Arrays.copyOf(pdf, lastCovered))) {
                    trailing = RevisionChanges.disallowed(covered, document, false);
                }
            }
            if (trailing.isPresent()) {
                checks.add(Check.failed(
                        CheckName.PDF_REVISIONS,
                        ReasonCode.PDF_MODIFIED_AFTER_SIGNING,
                        "after the last signature or timestamp: " + trailing.get()));
                return Optional.empty();
            }
        }
        checks.add(Check.passed(
                CheckName.PDF_REVISIONS,
                revisions.size() + " revision(s): the signed one, then only validation data"
                        + (verified.isEmpty() ? "" : " and " + verified.size() + " document timestamp(s)")));
        return Optional.of(verified.stream()
                .map(DocumentTimestampCheck.TimestampAt::timestamp)
                .toList());
    }

    /**
     * The words for the first update after the signature that is not a strict incremental update which PDFBox reads
     * alike and whose new objects the document reaches; empty when every update is.
     */
    private static Optional<String> firstStrayUpdate(
            byte[] pdf, PDDocument document, PDDocument signedRevision, int signedEnd, List<Integer> revisions)
            throws IOException {
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
                    return Optional.of("the update at bytes " + previousEnd + " to " + end + " after the signature is"
                            + " not a strict incremental update: " + problem.get());
                }
                previousEnd = end;
            }
        }
        return Optional.empty();
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
        try (PDDocument prefix = LimitedLoader.load(Arrays.copyOf(pdf, end))) {
            return readAlikeAndReachable(pdf, start, end, prefix.getDocument(), prefix, added);
        }
    }

    private static Optional<String> readAlikeAndReachable(
            byte[] pdf, int start, int end, COSDocument cos, PDDocument document, Set<Long> added) {
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
     * The first of {@code added} (object numbers new since the signature) that the final document does not reach
     * from its trailer's /Root and /Info, walking references through dictionaries, arrays and stream dictionaries.
     */
    private static Optional<Long> unreachableObject(PDDocument document, Set<Long> added) {
        if (added.isEmpty()) {
            return Optional.empty();
        }
        Set<Long> reached = new HashSet<>();
        ArrayDeque<COSBase> pending = new ArrayDeque<>();
        COSDictionary trailer = document.getDocument().getTrailer();
        pending.add(trailer.getItem(COSName.ROOT) == null ? new COSDictionary() : trailer.getItem(COSName.ROOT));
        if (trailer.getItem(COSName.INFO) != null) {
            pending.add(trailer.getItem(COSName.INFO));
        }
        int visited = 0;
        while (!pending.isEmpty() && visited++ < 4 * PdfSignatureVerifier.MAX_OBJECTS) {
            COSBase next = pending.poll();
            if (next instanceof COSObject reference) {
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
}
