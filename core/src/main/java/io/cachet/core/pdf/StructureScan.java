package io.cachet.core.pdf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** White-space or a comment, as a lexer skips them between tokens (possessive: no backtracking). */
    private static final String GAP = "(?:[\\x00\\t\\n\\f\\r ]|%[^\\r\\n]*+)";

    private static final Pattern HEADER =
            Pattern.compile("(?<![0-9])([0-9]++)" + GAP + "++([0-9]++)" + GAP + "*+obj");
    private static final Pattern KEYWORD = Pattern.compile("startxref|trailer|xref|%PDF-");

    private StructureScan() {}

    /**
     * Empty when a scan of {@code pdf} finds exactly what {@code chain} defines; otherwise what it finds besides.
     *
     * @param copies offsets of byte-identical copies of listed definitions inside updates after the signature
     */
    static Optional<String> problem(byte[] pdf, XrefChain chain, Set<Integer> copies) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
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
        Matcher header = HEADER.matcher(text);
        while (header.find()) {
            int at = header.start();
            long number;
            long generation;
            try {
                number = Long.parseLong(header.group(1));
                generation = Long.parseLong(header.group(2));
            } catch (NumberFormatException e) {
                return Optional.of("an object header with an impossible number at byte " + at);
            }
            boolean isListed = generation <= 0xFFFF
                    && number < (1L << 47)
                    && Long.valueOf(number << 16 | generation).equals(listed.get((long) at));
            if (!isListed && !copies.contains(at)) {
                return Optional.of("a reader that scans the file finds object " + number + " " + generation
                        + " at byte " + at + ", where the cross-reference chain defines no such object");
            }
            lastHeader.put(number, at);
        }
        for (Map.Entry<Long, Integer> last : lastHeader.entrySet()) {
            XrefChain.Entry inEffect = effective.get(last.getKey());
            if (inEffect == null || inEffect.type() != 1) {
                return Optional.of("the cross-reference chain "
                        + (inEffect == null ? "does not list" : inEffect.type() == 0 ? "frees" : "compresses")
                        + " object " + last.getKey() + ", but a reader that scans the file finds a definition of it"
                        + " at byte " + last.getValue());
            }
            if (inEffect.field2() != last.getValue() && !copies.contains(last.getValue())) {
                return Optional.of("a reader that scans the file takes object " + last.getKey() + " from byte "
                        + last.getValue() + ", not its definition in effect at byte " + inEffect.field2());
            }
        }
        return keywords(text, chain.sections());
    }

    private static Optional<String> keywords(String text, List<XrefChain.Section> sections) {
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
        Matcher keyword = KEYWORD.matcher(text);
        while (keyword.find()) {
            int at = keyword.start();
            boolean expected = switch (keyword.group()) {
                case "startxref" -> startxrefs.contains(at);
                case "trailer" -> trailers.contains(at);
                case "xref" -> tables.contains(at);
                default -> at == 0;
            };
            if (!expected) {
                return Optional.of("a reader that scans the file finds '" + keyword.group() + "' at byte " + at
                        + ", where the cross-reference chain has none");
            }
        }
        return Optional.empty();
    }
}
