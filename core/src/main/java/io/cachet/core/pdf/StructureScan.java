package io.cachet.core.pdf;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a repairing reader would see. MuPDF, qpdf, poppler and PDFBox each rebuild a file's object table when they
 * consider its cross-reference damaged, by scanning every byte for {@code N G obj} headers (in strings, streams and
 * comments too) and {@code trailer} dictionaries, the later definition of an object winning. A file is read the same
 * way by every reader only if that scan finds exactly what the cross-reference chain defines: every header at an
 * offset the chain lists for that very object (or, in an update after the signature, a byte-identical copy of a
 * listed definition, which PDFBox writes), the last header of each object its definition in effect, and the
 * keywords {@code xref}, {@code trailer}, {@code startxref} and {@code %PDF-} only where the chain has them.
 * Anything else is an object or section hidden from Cachet's strict reader that another reader may use:
 * {@code PDF_AMBIGUOUS_STRUCTURE}.
 */
final class StructureScan {
    private static final int VERTICAL_TAB = 0x0B;

    private StructureScan() {}

    /**
     * Empty when a scan of {@code pdf} finds exactly what {@code chain} defines; otherwise what it finds besides.
     *
     * @param copies offsets of byte-identical copies of listed definitions inside updates after the first revision
     *     (asked only when the scan finds an unlisted header)
     */
    static Optional<String> problem(byte[] pdf, XrefChain chain, Supplier<Set<Integer>> copies) {
        Map<Long, XrefChain.Entry> effective = chain.effective();
        Map<Long, Long> listed = new HashMap<>();
        for (XrefChain.Section section : chain.sections()) {
            for (XrefChain.Entry entry : section.entries()) {
                if (entry.type() == 1) {
                    listed.put(entry.field2(), entry.number() << 16 | entry.field3());
                }
            }
        }
        Map<Long, Integer> lastHeader = new HashMap<>();
        long[] budget = {4L * pdf.length + (1 << 20)};
        for (int i = 1; i + 3 <= pdf.length; i++) {
            if (pdf[i] != 'o' || pdf[i + 1] != 'b' || pdf[i + 2] != 'j') {
                continue;
            }
            Header header = headerEndingAt(pdf, i, budget);
            if (budget[0] < 0) {
                return Optional.of("the file holds so many 'obj' keywords after long lines that it cannot be scanned"
                        + " within the limits");
            }
            if (header == null) {
                continue;
            }
            boolean isListed = header.generation() <= 0xFFFF
                    && header.number() < (1L << 47)
                    && Long.valueOf(header.number() << 16 | header.generation()).equals(listed.get((long) header.at()));
            if (!isListed && !copies.get().contains(header.at())) {
                return Optional.of("a reader that scans the file finds object " + header.number() + " "
                        + header.generation() + " at byte " + header.at()
                        + ", where the cross-reference chain defines no such object");
            }
            lastHeader.put(header.number(), header.at());
        }
        for (Map.Entry<Long, Integer> last : lastHeader.entrySet()) {
            XrefChain.Entry inEffect = effective.get(last.getKey());
            if (inEffect == null || inEffect.type() != 1) {
                return Optional.of("the cross-reference chain "
                        + (inEffect == null ? "does not list" : inEffect.type() == 0 ? "frees" : "compresses")
                        + " object " + last.getKey() + ", but a reader that scans the file finds a definition of it"
                        + " at byte " + last.getValue());
            }
            if (inEffect.field2() != last.getValue() && !copies.get().contains(last.getValue())) {
                return Optional.of("a reader that scans the file takes object " + last.getKey() + " from byte "
                        + last.getValue() + ", not its definition in effect at byte " + inEffect.field2());
            }
        }
        return keywords(pdf, chain.sections());
    }

    /** A header {@code N G obj} found by the scan: where its number starts. */
    private record Header(long number, long generation, int at) {}

    /**
     * The header whose {@code obj} starts at {@code obj}, read backwards as a reader would have read it forwards:
     * {@code N}, a gap, {@code G}, an optional gap, {@code obj}; null when the bytes before {@code obj} are no such
     * thing. Read twice, and found when either reading finds it: once with gaps of white-space only (poppler's and
     * PDFBox's repairs, which know no comments, so a {@code %} in a string hides nothing from them), once with
     * comments recognised generously (any {@code %} earlier on the line, as MuPDF's repair lexer, which does not
     * read strings, takes it). White-space includes the vertical tab (C's {@code isspace}, used by poppler's
     * repair); the generation may carry a sign, or be a lone sign (MuPDF's lexer reads {@code +0}, {@code -0},
     * {@code +} and {@code -} as integers, and needs no gap before a sign: {@code 15+0 obj}).
     */
    private static Header headerEndingAt(byte[] pdf, int obj, long[] budget) {
        Header plain = headerEndingAt(pdf, obj, budget, false);
        return plain != null ? plain : headerEndingAt(pdf, obj, budget, true);
    }

    private static Header headerEndingAt(byte[] pdf, int obj, long[] budget, boolean comments) {
        int position = skipGapBackwards(pdf, obj - 1, budget, comments);
        int generationEnd = position + 1;
        while (position >= 0 && isDigit(pdf[position])) {
            position--;
        }
        int generationStart = position + 1;
        boolean signed = position >= 0 && (pdf[position] == '+' || pdf[position] == '-');
        if (signed) {
            position--;
        }
        if (position + 1 == generationEnd) {
            return null;
        }
        int beforeGap = position;
        position = skipGapBackwards(pdf, position, budget, comments);
        if (position == beforeGap && !signed) {
            // A sign ends the number before it: MuPDF's lexer reads "15+0" as 15 and 0.
            return null;
        }
        int numberEnd = position + 1;
        while (position >= 0 && isDigit(pdf[position])) {
            position--;
        }
        int numberStart = position + 1;
        if (numberStart == numberEnd) {
            return null;
        }
        return new Header(value(pdf, numberStart, numberEnd), value(pdf, generationStart, generationEnd), numberStart);
    }

    /**
     * From {@code position} backwards over white-space (and, with {@code comments}, comments); the position of the
     * byte before them. Each byte looked at while searching a line for {@code %} is taken from {@code budget[0]}
     * (linear work in all).
     */
    private static int skipGapBackwards(byte[] pdf, int position, long[] budget, boolean comments) {
        while (position >= 0) {
            int b = pdf[position] & 0xFF;
            if (PdfSyntax.isWhiteSpace(b) || b == VERTICAL_TAB) {
                position--;
                continue;
            }
            int comment = comments ? commentStart(pdf, position, budget) : -1;
            if (comment < 0) {
                return position;
            }
            position = comment - 1;
        }
        return position;
    }

    /** Where a {@code %} earlier on the line of {@code position} starts (so {@code position} may be a comment), or -1. */
    private static int commentStart(byte[] pdf, int position, long[] budget) {
        int first = -1;
        for (int i = position; i >= 0 && pdf[i] != '\n' && pdf[i] != '\r' && budget[0]-- >= 0; i--) {
            if (pdf[i] == '%') {
                first = i;
            }
        }
        return first;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The decimal value of {@code [from, to)}, saturated far above any object number. */
    private static long value(byte[] pdf, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = Math.min(value * 10 + (pdf[i] - '0'), Long.MAX_VALUE / 20);
        }
        return value;
    }

    private static String keywordAt(byte[] pdf, int at) {
        return switch (pdf[at]) {
            case 's' -> XrefChain.startsWith(pdf, at, "startxref") ? "startxref" : null;
            case 't' -> XrefChain.startsWith(pdf, at, "trailer") ? "trailer" : null;
            case 'x' -> XrefChain.startsWith(pdf, at, "xref") ? "xref" : null;
            case '%' -> XrefChain.startsWith(pdf, at, "%PDF-") ? "%PDF-" : null;
            default -> null;
        };
    }

    private static Optional<String> keywords(byte[] pdf, List<XrefChain.Section> sections) {
        Set<Integer> startxrefs = new HashSet<>();
        Set<Integer> trailers = new HashSet<>();
        Set<Integer> tables = new HashSet<>();
        for (XrefChain.Section section : sections) {
            startxrefs.add(section.startxrefAt());
            if (section.trailerAt() >= 0) {
                trailers.add(section.trailerAt());
                tables.add(section.at());
            }
        }
        for (int at = 0; at < pdf.length; at++) {
            String found = keywordAt(pdf, at);
            if (found == null) {
                continue;
            }
            boolean expected =
                    switch (found) {
                        case "startxref" -> startxrefs.contains(at);
                        case "trailer" -> trailers.contains(at);
                        case "xref" -> tables.contains(at);
                        default -> at == 0;
                    };
            if (!expected) {
                return Optional.of("a reader that scans the file finds '" + found + "' at byte " + at
                        + ", where the cross-reference chain has none");
            }
            at += found.length() - 1;
        }
        return Optional.empty();
    }
}
