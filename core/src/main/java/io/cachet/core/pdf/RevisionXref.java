package io.cachet.core.pdf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSString;

/**
 * One incremental update after the signature, read strictly and completely, by hand: PDFBox's reader is lenient on
 * purpose (it ignores free entries, keeps each generation of an object number apart, repairs wrong offsets by
 * scanning the file, keeps the last of repeated keys), whereas viewers recover differently, so an update accepted
 * after a signature must mean one thing to every reader (ISO 32000-1 §7.3, §7.5.4–§7.5.8). The update's bytes must
 * tile exactly into object definitions ({@code N G obj … endobj}, streams skipped by their direct {@code /Length}),
 * one cross-reference section (a classic table and its trailer, or one cross-reference stream), then
 * {@code startxref N %%EOF}, with only white-space and comments between: no room for a hidden section or object.
 * {@link #check} then refuses an update
 *
 * <ul>
 *   <li>whose dictionaries repeat a key or nest too deep (see {@link PdfSyntax}), whose trailer or stream dictionary
 *       holds other keys than a cross-reference section needs (no {@code /XRefStm}, no {@code /Encrypt});
 *   <li>whose {@code startxref} is not its section, or whose {@code /Prev} is not the previous revision's;
 *   <li>that frees an object (any free entry but the list head, object 0) or lists compressed objects;
 *   <li>that lists an object with another generation than it had, or at an offset that is not that very definition;
 *   <li>that defines an object it does not list, unless as a byte-identical copy of a listed definition (PDFBox
 *       writes such copies).
 * </ul>
 */
final class RevisionXref {
    private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d{1,10})\\s+%%EOF\\s*$");
    private static final Pattern HEADER = Pattern.compile("\\d{1,10} \\d{1,5} obj(?:[\\s<\\[/(]|$)");
    private static final Set<String> TRAILER_KEYS = Set.of("Size", "Root", "Info", "Prev", "ID");
    private static final Set<String> STREAM_KEYS =
            Set.of("Type", "Size", "Root", "Info", "Prev", "ID", "W", "Index", "Length", "Filter", "DecodeParms");
    static final int MAX_ENTRIES = 100_000;
    static final int MAX_STREAM_BYTES = 4 * 1024 * 1024;

    /** One entry: its type (0 free, 1 in use, 2 compressed), its object number and two fields. */
    record Entry(long object, int type, long field2, long field3) {}

    /** Where an object's definition lies in the file: bytes {@code [start, end)}. */
    record Span(int start, int end) {
        Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("a span is [start, end) with 0 <= start <= end");
            }
        }
    }

    /** An object definition in the update: where it starts and ends, and its value. */
    private record Definition(long number, int generation, int start, int end, Object value, byte[] streamData) {}

    /** The update as read: its definitions, its section's entries, its trailer, where its section starts. */
    private record Update(List<Definition> definitions, List<Entry> entries, Map<String, Object> trailer, long xref) {}

    private RevisionXref() {}

    /** The {@code startxref} offset of the revision ending at {@code end}, or -1 when it has none. */
    static long startxref(byte[] pdf, int start, int end) {
        int from = Math.max(start, end - 64);
        Matcher matcher = STARTXREF.matcher(new String(pdf, from, end - from, StandardCharsets.ISO_8859_1));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /**
     * Empty when the update {@code [start, end)} is strict, complete and chained to the revision ending at
     * {@code start}; otherwise what is wrong.
     *
     * @param generations the generation of each object number defined so far (the signed revision's, then each
     *     accepted update's); the update's new objects are added to it
     * @param defined receives the number of every object the update defines (its cross-reference stream apart)
     */
    static Optional<String> check(byte[] pdf, int start, int end, Map<Long, Integer> generations, Set<Long> defined) {
        Update update;
        try {
            update = read(pdf, start, end);
        } catch (IllegalArgumentException e) {
            return Optional.of("it cannot be read strictly: " + e.getMessage());
        }
        long previous = startxref(pdf, 0, start);
        if (!(update.trailer().get("Prev") instanceof Long prev) || prev != previous) {
            return Optional.of("its cross-reference section does not chain to the previous revision's (/Prev)");
        }
        long highest =
                generations.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        for (Entry entry : update.entries()) {
            highest = Math.max(highest, entry.object());
        }
        if (!(update.trailer().get("Size") instanceof Long size) || size <= highest) {
            return Optional.of("its /Size does not cover every object of the file (readers would drop some)");
        }
        for (Definition definition : update.definitions()) {
            if (definition.value() instanceof Map<?, ?> dictionary
                    && new PdfSyntax.Name("ObjStm").equals(dictionary.get("Type"))) {
                return Optional.of("it defines an object stream (object " + definition.number() + ")");
            }
        }
        Map<Integer, Definition> byStart = new HashMap<>();
        update.definitions().forEach(definition -> byStart.put(definition.start(), definition));
        Map<Long, Definition> listed = new HashMap<>();
        for (Entry entry : update.entries()) {
            if (entry.type() == 0) {
                if (entry.object() != 0) {
                    return Optional.of("it frees object " + entry.object());
                }
                continue;
            }
            if (entry.type() != 1) {
                return Optional.of("it lists object " + entry.object() + " as compressed in an object stream");
            }
            int generation = (int) entry.field3();
            Integer known = generations.get(entry.object());
            if (known != null && known != generation) {
                return Optional.of("it redefines object " + entry.object() + " with generation " + generation);
            }
            Optional<Definition> definition = entry.field2() > Integer.MAX_VALUE
                    ? Optional.empty()
                    : Optional.ofNullable(byStart.get((int) entry.field2()));
            if (definition.isEmpty()
                    || definition.get().number() != entry.object()
                    || definition.get().generation() != generation) {
                return Optional.of("its entry for object " + entry.object() + " does not point at that object's"
                        + " definition within the update");
            }
            if (listed.put(entry.object(), definition.get()) != null) {
                return Optional.of("it lists object " + entry.object() + " twice");
            }
        }
        Map<Long, Integer> copies = new HashMap<>();
        for (Definition definition : update.definitions()) {
            Definition listedOne = listed.get(definition.number());
            boolean isSection = definition.start() == update.xref();
            if (!isSection && (listedOne == null || !sameBytes(pdf, listedOne, definition))) {
                return Optional.of("it defines object " + definition.number() + " " + definition.generation()
                        + " without listing that definition");
            }
            if (listedOne != null
                    && listedOne != definition
                    && copies.merge(definition.number(), 1, Integer::sum) > 1) {
                return Optional.of("it defines object " + definition.number() + " more than twice");
            }
        }
        for (Entry entry : update.entries()) {
            if (entry.type() == 1) {
                generations.put(entry.object(), (int) entry.field3());
            }
        }
        for (Definition definition : update.definitions()) {
            if (definition.start() != update.xref()) {
                defined.add(definition.number());
            }
        }
        return Optional.empty();
    }

    /**
     * Empty when PDFBox, which {@link RevisionChanges} relies on, reads every object the update defines (and its
     * trailer's {@code /Root} and {@code /Info}) exactly as this strict reader does; otherwise the first object read
     * differently. Any leniency of PDFBox's parser that changes a value then refuses the file instead of letting
     * two readers see two documents.
     *
     * @param pdfbox the file up to the end of this update, as PDFBox loaded it
     */
    static Optional<String> readAlikeByPdfBox(byte[] pdf, int start, int end, COSDocument pdfbox) {
        Update update;
        try {
            update = read(pdf, start, end);
        } catch (IllegalArgumentException e) {
            return Optional.of("it cannot be read strictly: " + e.getMessage());
        }
        for (Definition definition : update.definitions()) {
            COSObject object = pdfbox.getObjectFromPool(new COSObjectKey(definition.number(), definition.generation()));
            COSBase parsed = object == null ? null : object.getObject();
            if (parsed == null && definition.start() == update.xref()) {
                continue;
            }
            if (!sameValue(definition.value(), parsed, 0)) {
                return Optional.of("object " + definition.number() + " " + definition.generation()
                        + " reads differently in different PDF readers");
            }
        }
        COSDictionary trailer = pdfbox.getTrailer();
        for (String key : List.of("Root", "Info")) {
            Object strict = update.trailer().get(key);
            COSBase parsed = trailer.getItem(COSName.getPDFName(key));
            if (strict != null && !sameValue(strict, parsed, 0)) {
                return Optional.of("the trailer's /" + key + " reads differently in different PDF readers");
            }
        }
        return Optional.empty();
    }

    /**
     * Where the update {@code [start, end)} defines the object {@code number generation} (the definition its section
     * lists): {@code [from, to)}, or empty when it does not define it.
     */
    static Optional<Span> definitionSpan(byte[] pdf, int start, int end, long number, int generation) {
        try {
            Update update = read(pdf, start, end);
            for (Entry entry : update.entries()) {
                if (entry.type() == 1 && entry.object() == number && entry.field3() == generation) {
                    return update.definitions().stream()
                            .filter(definition -> definition.start() == entry.field2())
                            .findFirst()
                            .map(definition -> new Span(definition.start(), definition.end()));
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Where the update {@code [start, end)} defines an object a second time, byte for byte as the definition its
     * section lists (PDFBox writes such copies): a scan of the file finds those headers too, harmlessly. Empty when
     * the update cannot be read strictly (then {@link #check} refuses it).
     */
    static Set<Integer> copyOffsets(byte[] pdf, int start, int end) {
        try {
            Update update = read(pdf, start, end);
            Map<Long, Definition> byStart = new HashMap<>();
            update.definitions().forEach(definition -> byStart.put((long) definition.start(), definition));
            Map<Long, Definition> listed = new HashMap<>();
            for (Entry entry : update.entries()) {
                Definition definition = byStart.get(entry.field2());
                if (entry.type() == 1 && definition != null) {
                    listed.put(entry.object(), definition);
                }
            }
            Set<Integer> copies = new java.util.HashSet<>();
            for (Definition definition : update.definitions()) {
                Definition original = listed.get(definition.number());
                if (original != null && original != definition && sameBytes(pdf, original, definition)) {
                    copies.add(definition.start());
                }
            }
            return copies;
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
    }

    /** Structural equality of a strict value and PDFBox's, references by number and generation. */
    private static boolean sameValue(Object strict, COSBase parsed, int depth) {
        if (depth > PdfSyntax.MAX_DEPTH + 2) {
            return false;
        }
        if (strict instanceof Map<?, ?> map) {
            if (!(parsed instanceof COSDictionary dictionary)) {
                return false;
            }
            for (COSName key : dictionary.keySet()) {
                if (!map.containsKey(key.getName())) {
                    return false;
                }
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                COSBase value = dictionary.getItem(COSName.getPDFName((String) entry.getKey()));
                boolean absentNull = entry.getValue() == PdfSyntax.NULL && (value == null || value instanceof COSNull);
                if (!absentNull && !sameValue(entry.getValue(), value, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (strict instanceof List<?> list) {
            if (!(parsed instanceof COSArray array) || array.size() != list.size()) {
                return false;
            }
            for (int i = 0; i < list.size(); i++) {
                if (!sameValue(list.get(i), array.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (strict instanceof PdfSyntax.Ref ref) {
            return parsed instanceof COSObject object
                    && object.getKey() != null
                    && object.getKey().getNumber() == ref.number()
                    && object.getKey().getGeneration() == ref.generation();
        }
        if (strict instanceof PdfSyntax.Name name) {
            return parsed instanceof COSName cosName && cosName.getName().equals(name.value());
        }
        if (strict instanceof byte[] bytes) {
            return parsed instanceof COSString string && Arrays.equals(bytes, string.getBytes());
        }
        if (strict instanceof Long number) {
            return parsed instanceof COSInteger integer && integer.longValue() == number;
        }
        if (strict instanceof Double number) {
            return parsed instanceof COSFloat real && Float.compare(real.floatValue(), number.floatValue()) == 0;
        }
        if (strict instanceof Boolean bool) {
            return parsed instanceof COSBoolean cosBoolean && cosBoolean.getValue() == bool;
        }
        return strict == PdfSyntax.NULL && (parsed == null || parsed instanceof COSNull);
    }

    private static boolean sameBytes(byte[] pdf, Definition listed, Definition other) {
        return listed == other
                || (listed.generation() == other.generation()
                        && Arrays.equals(pdf, listed.start(), listed.end(), pdf, other.start(), other.end()));
    }

    /**
     * Tiles {@code [start, end)} into definitions, one section and the final {@code startxref}, exactly as a
     * conforming writer lays them out: at most one end of line before the first object (what follows the previous
     * {@code %%EOF}), headers {@code N G obj} with single spaces, no comment anywhere, the table byte for byte
     * ({@link XrefChain#readClassicTable}), exactly one end of line before {@code startxref}.
     */
    private static Update read(byte[] pdf, int start, int end) {
        int first = start;
        if (first < end && pdf[first] == '\r') {
            first++;
        }
        if (first < end && pdf[first] == '\n') {
            first++;
        }
        PdfSyntax syntax = PdfSyntax.strict(pdf, first, end);
        if (first < end && PdfSyntax.isWhiteSpace(pdf[first] & 0xFF)) {
            throw syntax.fail("blank lines or spaces between revisions");
        }
        List<Definition> definitions = new ArrayList<>();
        List<Entry> table = null;
        Map<String, Object> trailer = null;
        long tableAt = -1;
        int lastEnd = first;
        while (true) {
            syntax.skipSpace();
            if (syntax.atEnd()) {
                throw syntax.fail("the update has no startxref");
            }
            int at = syntax.position();
            String word = syntax.peekWord();
            if (word.equals("xref")) {
                if (table != null) {
                    throw syntax.fail("a second cross-reference table");
                }
                tableAt = at;
                XrefChain.ClassicTable classic;
                try {
                    classic = XrefChain.readClassicTable(pdf, at, end, MAX_ENTRIES, false);
                } catch (XrefChain.Problem e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
                table = classic.entries().stream()
                        .map(entry -> new Entry(entry.number(), entry.type(), entry.field2(), entry.field3()))
                        .toList();
                syntax.position(classic.trailerAt());
                syntax.expectKeyword("trailer");
                trailer = dictionary(syntax.readValue(), "the trailer");
                requireKeys(trailer, TRAILER_KEYS, "the trailer");
                lastEnd = syntax.position();
            } else if (word.equals("startxref")) {
                String between = new String(pdf, lastEnd, at - lastEnd, StandardCharsets.ISO_8859_1);
                if (!between.equals("\n") && !between.equals("\r\n") && !between.equals("\r")) {
                    throw syntax.fail("'startxref' does not follow the section after exactly one end of line");
                }
                syntax.expectKeyword("startxref");
                int offsetAt = syntax.position();
                long xref = syntax.readInteger();
                String eol = new String(pdf, offsetAt, syntax.position() - offsetAt, StandardCharsets.ISO_8859_1)
                        .replaceAll("\\d", "");
                if (!eol.equals("\n") && !eol.equals("\r\n") && !eol.equals("\r")) {
                    throw syntax.fail("'startxref' and its offset are not on lines of their own");
                }
                requireEndOfFile(pdf, syntax.position(), end);
                return table != null
                        ? tableUpdate(syntax, definitions, table, trailer, tableAt, xref)
                        : streamUpdate(syntax, definitions, xref);
            } else {
                if (table != null) {
                    throw syntax.fail("an object after the cross-reference table");
                }
                definitions.add(readDefinition(pdf, syntax, at, end));
                lastEnd = syntax.position();
            }
        }
    }

    private static Update tableUpdate(
            PdfSyntax syntax,
            List<Definition> definitions,
            List<Entry> table,
            Map<String, Object> trailer,
            long tableAt,
            long xref) {
        if (xref != tableAt) {
            throw syntax.fail("startxref does not point at the update's cross-reference table");
        }
        if (definitions.stream().anyMatch(RevisionXref::isXrefStream)) {
            throw syntax.fail("a cross-reference table and a cross-reference stream in one update");
        }
        return new Update(definitions, table, trailer, xref);
    }

    private static Update streamUpdate(PdfSyntax syntax, List<Definition> definitions, long xref) {
        List<Definition> sections =
                definitions.stream().filter(RevisionXref::isXrefStream).toList();
        if (sections.size() != 1 || sections.get(0).start() != xref) {
            throw syntax.fail("startxref does not point at the update's one cross-reference stream");
        }
        Definition section = sections.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> dictionary = (Map<String, Object>) section.value();
        requireKeys(dictionary, STREAM_KEYS, "the cross-reference stream");
        return new Update(definitions, XrefStreamEntries.read(dictionary, section.streamData()), dictionary, xref);
    }

    private static boolean isXrefStream(Definition definition) {
        return definition.streamData() != null
                && definition.value() instanceof Map<?, ?> dictionary
                && new PdfSyntax.Name("XRef").equals(dictionary.get("Type"));
    }

    /** {@code N G obj value [stream … endstream] endobj}. */
    private static Definition readDefinition(byte[] pdf, PdfSyntax syntax, int at, int end) {
        Matcher header = HEADER.matcher(new String(pdf, at, Math.min(24, end - at), StandardCharsets.ISO_8859_1));
        if (!header.lookingAt()) {
            throw syntax.fail("an object header that is not 'N G obj' with single spaces");
        }
        long number = syntax.readInteger();
        long generation = syntax.readInteger();
        if (generation > 65535) {
            throw syntax.fail("a generation number above 65535");
        }
        syntax.expectKeyword("obj");
        Object value = syntax.readValue();
        syntax.skipSpace();
        byte[] data = null;
        if (syntax.peekWord().equals("stream")) {
            data = syntax.readStreamData(dictionary(value, "a stream's dictionary"), MAX_STREAM_BYTES);
        }
        syntax.expectKeyword("endobj");
        return new Definition(number, (int) generation, at, syntax.position(), value, data);
    }

    /** After {@code startxref N}: an end of line, {@code %%EOF}, and nothing but an end of line. */
    private static void requireEndOfFile(byte[] pdf, int position, int end) {
        String rest = new String(pdf, position, end - position, StandardCharsets.ISO_8859_1);
        if (!rest.matches("(\\r\\n|\\r|\\n)%%EOF(\\r\\n|\\r|\\n)?")) {
            throw new IllegalArgumentException("startxref is not followed by %%EOF and the end of the update");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dictionary(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a dictionary");
        }
        return (Map<String, Object>) value;
    }

    private static void requireKeys(Map<String, Object> dictionary, Set<String> allowed, String what) {
        for (String key : dictionary.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(
                        what + " holds /" + key + ", which a cross-reference section" + " after the signature may not");
            }
        }
    }
}
