package io.cachet.core.pdf;

import io.cachet.core.report.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The whole file's structure, judged before PDFBox reads it: the cross-reference chain read strictly and within the
 * limits ({@link XrefChain}), then compared with what a repairing reader would find ({@link StructureScan}). Run at
 * verification on every PDF, and at issuance on every signed PDF (a file some reader would repair is never issued).
 */
final class PdfStructure {
    /** Why the structure is refused: the reason code and the words for the report. */
    record Failure(ReasonCode reason, String message) {}

    private PdfStructure() {}

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

    /** Empty when {@code pdf}, whose revisions end at {@code revisionEnds}, reads one way to every reader. */
    static Optional<Failure> problem(byte[] pdf, List<Integer> revisionEnds) {
        int last = revisionEnds.isEmpty() ? 0 : revisionEnds.get(revisionEnds.size() - 1);
        if (pdf.length - last > 2
                || !new String(pdf, last, pdf.length - last, StandardCharsets.ISO_8859_1).matches("[\\r\\n]*")) {
            // Bytes after the end: never handed to PDFBox (it looks for a startxref near the end, wherever it is).
            boolean signed = XrefChain.indexOf(pdf, "/ByteRange", 0, last) >= 0;
            return Optional.of(new Failure(
                    signed ? ReasonCode.PDF_MODIFIED_AFTER_SIGNING : ReasonCode.PDF_MALFORMED,
                    (pdf.length - last) + " byte(s) follow the file's last %%EOF"
                            + (signed ? ": something was appended to the signed file" : "")));
        }
        XrefChain chain;
        try {
            chain = XrefChain.read(
                    pdf, revisionEnds, PdfSignatureVerifier.MAX_OBJECTS, PdfSignatureVerifier.MAX_DECODED_BYTES);
        } catch (XrefChain.Problem e) {
            return Optional.of(new Failure(
                    e.tooLarge() ? ReasonCode.INPUT_TOO_LARGE : ReasonCode.PDF_AMBIGUOUS_STRUCTURE,
                    e.tooLarge()
                            ? e.getMessage()
                            : "the cross-reference chain cannot be read exactly, so readers would repair the file"
                                    + " each their own way: " + e.getMessage()));
        }
        Supplier<Set<Integer>> copies = new Supplier<>() {
            private Set<Integer> found;

            @Override
            public Set<Integer> get() {
                if (found == null) {
                    found = new HashSet<>();
                    int start = 0;
                    for (int end : revisionEnds) {
                        if (start > 0) {
                            found.addAll(RevisionXref.copyOffsets(pdf, start, end));
                        }
                        start = end;
                    }
                }
                return found;
            }
        };
        return StructureScan.problem(pdf, chain, copies)
                .map(problem -> new Failure(ReasonCode.PDF_AMBIGUOUS_STRUCTURE, problem));
    }
}
