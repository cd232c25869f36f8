package io.cachet.core.pdf;

import io.cachet.core.BoundedInflater;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cross-reference chain of a whole PDF, read by hand before PDFBox sees the file (ISO 32000-1 §7.5.4–§7.5.8):
 * for each revision (each {@code %%EOF}), its {@code startxref}, the one section it points at (a classic table and
 * trailer, or a cross-reference stream), chained by {@code /Prev} to the previous revision's. Reading it first does
 * two things:
 *
 * <ul>
 *   <li>bounds the work PDFBox would do while loading: every cross-reference stream and every object stream is
 *       inflated here through {@link BoundedInflater}, and the declared and listed objects are counted, so a
 *       decompression bomb or a million declared objects is refused before PDFBox allocates anything for it;
 *   <li>gives {@link StructureScan} the objects and offsets the chain defines, to compare with what a reader that
 *       repairs the file by scanning it would find.
 * </ul>
 *
 * <p>A chain that cannot be read exactly (an entry not pointing at its object's header, a {@code /Prev} that is not
 * the previous section, an entry outside its own revision, a damaged table) is a file some reader would repair:
 * {@link Problem}. A table is read byte for byte: {@code xref}, then subsections of {@code first count} and 20-byte
 * entries, then {@code trailer}, with no comment or blank line anywhere (but, in the first revision only, blank lines
 * before {@code trailer}, which MuPDF writes: an unsigned PDF made by another tool, such as a copy of a certificate,
 * is read; nothing after a signature may have them).
 */
final class XrefChain {
    private static final Pattern HEADER = Pattern.compile("(\\d{1,10}) (\\d{1,5}) obj[\\s<\\[/(%]");
    private static final Pattern ENTRY = Pattern.compile("(\\d{10}) (\\d{5}) ([nf])(?: \\r| \\n|\\r\\n)");
    private static final Pattern SUBSECTION = Pattern.compile("(\\d{1,10}) (\\d{1,10})(?:\\r\\n|\\n|\\r)");
    private static final Pattern STARTXREF_TAIL =
            Pattern.compile("startxref(?:\\r\\n|\\n|\\r)\\d{1,10}(?:\\r\\n|\\n|\\r)%%EOF(?:\\r\\n|\\n|\\r)?");
    private static final int MAX_OBJECT_STREAM_BYTES = 16 * 1024 * 1024;

    /** One entry: 0 free, 1 in use at {@code field2} with generation {@code field3}, 2 in object stream. */
    record Entry(long number, int type, long field2, long field3) {}

    /**
     * One revision's section.
     *
     * @param start where the revision starts (0, or the end of the previous one)
     * @param end where it ends (after its {@code %%EOF} and end of line)
     * @param at where its section starts
     * @param startxrefAt where its {@code startxref} keyword is
     * @param trailerAt where its {@code trailer} keyword is, -1 for a cross-reference stream
     * @param entries its entries
     * @param size its {@code /Size}
     * @param keys the keys of its trailer (or cross-reference stream dictionary)
     */
    record Section(
            int start,
            int end,
            int at,
            int startxrefAt,
            int trailerAt,
            List<Entry> entries,
            long size,
            Set<String> keys) {}

    /** Why the chain cannot be read strictly; {@code tooLarge} when a limit was passed. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean tooLarge;

        private Problem(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        static Problem malformed(String message) {
            return new Problem(message, false);
        }

        static Problem tooLarge(String message) {
            return new Problem(message, true);
        }

        boolean tooLarge() {
            return tooLarge;
        }
    }

    private final List<Section> sections;

    private XrefChain(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    List<Section> sections() {
        return sections;
    }

    /** The entry in effect for each object number: the latest section's. */
    Map<Long, Entry> effective() {
        Map<Long, Entry> effective = new HashMap<>();
        for (Section section : sections) {
            for (Entry entry : section.entries()) {
                effective.put(entry.number(), entry);
            }
        }
        return effective;
    }

    /**
     * Reads the chain of {@code pdf}, whose revisions end at {@code revisionEnds}.
     *
     * @param maxObjects the most objects a file may declare ({@code /Size}) or list
     * @param maxDecoded the most bytes all its object streams may inflate to, together
     */
    static XrefChain read(byte[] pdf, List<Integer> revisionEnds, int maxObjects, long maxDecoded) throws Problem {
        if (revisionEnds.isEmpty() || !onlyLineEnds(pdf, revisionEnds.get(revisionEnds.size() - 1), pdf.length)) {
            throw Problem.malformed("the file does not end with %%EOF (bytes other than an end of line follow it)");
        }
        List<Section> sections = new ArrayList<>();
        Map<Long, Entry> effective = new HashMap<>();
        Map<Long, Integer> objectStreams = new HashMap<>();
        long decoded = 0;
        int start = 0;
        for (int end : revisionEnds) {
            Section section = readSection(pdf, start, end, maxObjects);
            if (!sections.isEmpty()) {
                requireRepeated(sections.get(sections.size() - 1), section);
            }
            if (section.size() - 1 > maxObjects) {
                throw Problem.tooLarge(
                        "the file declares " + (section.size() - 1) + " objects; the limit is " + maxObjects);
            }
            for (Entry entry : section.entries()) {
                if (entry.number() >= section.size()) {
                    throw Problem.malformed("object " + entry.number() + " is listed beyond the section's /Size");
                }
                if (entry.type() == 1) {
                    requireHeaderAt(pdf, entry, start, section.at());
                }
                effective.put(entry.number(), entry);
            }
            for (Entry entry : section.entries()) {
                if (entry.type() == 2) {
                    Integer objects = objectStreams.get(entry.field2());
                    if (objects == null) {
                        ObjectStream stream = readObjectStream(pdf, effective, entry.field2(), maxDecoded - decoded);
                        decoded += stream.decodedBytes();
                        objects = stream.objects();
                        objectStreams.put(entry.field2(), objects);
                    }
                    if (entry.field3() >= objects) {
                        throw Problem.malformed("object " + entry.number() + " is listed at index " + entry.field3()
                                + " of object stream " + entry.field2() + ", which holds " + objects);
                    }
                }
            }
            sections.add(section);
            start = end;
        }
        if (effective.size() > maxObjects + 1) {
            throw Problem.tooLarge("the file lists " + effective.size() + " objects; the limit is " + maxObjects);
        }
        return new XrefChain(sections);
    }

    private static Section readSection(byte[] pdf, int start, int end, int maxObjects) throws Problem {
        long startxref = RevisionXref.startxref(pdf, start, end);
        int startxrefAt = lastIndexOf(pdf, "startxref", start, end);
        if (startxref < 0 || startxrefAt < 0) {
            throw Problem.malformed("the revision ending at byte " + end + " has no startxref");
        }
        if (startxref < start || startxref >= startxrefAt) {
            throw Problem.malformed("the startxref of the revision ending at byte " + end + " points outside it");
        }
        int at = (int) startxref;
        if (!STARTXREF_TAIL.matcher(text(pdf, startxrefAt, end)).matches()) {
            throw Problem.malformed("the revision ending at byte " + end
                    + " does not end with exactly 'startxref', its offset and '%%EOF', one per line");
        }
        try {
            return startsWith(pdf, at, "xref")
                    ? classicSection(pdf, start, end, at, startxrefAt, maxObjects)
                    : streamSection(pdf, start, end, at, startxrefAt, maxObjects);
        } catch (IllegalArgumentException e) {
            String what = "the cross-reference section at byte " + at + " cannot be read strictly: " + e.getMessage();
            throw e.getMessage().contains("inflates beyond") ? Problem.tooLarge(what) : Problem.malformed(what);
        }
    }

    /** A classic section: the table, then {@code trailer}, the dictionary and {@code startxref} right after. */
    private static Section classicSection(byte[] pdf, int start, int end, int at, int startxrefAt, int maxObjects)
            throws Problem {
        ClassicTable table = readClassicTable(pdf, at, startxrefAt, maxObjects, start == 0);
        PdfSyntax syntax = PdfSyntax.strict(pdf, table.trailerAt() + "trailer".length(), startxrefAt);
        Object value = syntax.readValue();
        if (!(value instanceof Map<?, ?> trailer)) {
            throw Problem.malformed("the trailer is not a dictionary");
        }
        int afterTrailer = syntax.position();
        if (!isEndOfLine(pdf, afterTrailer, startxrefAt)) {
            throw Problem.malformed("something other than an end of line follows the trailer at byte " + afterTrailer);
        }
        requirePrev(trailer, start, pdf);
        return new Section(
                start, end, at, startxrefAt, table.trailerAt(), table.entries(), size(trailer), keys(trailer));
    }

    /** A cross-reference stream: {@code N G obj << /Type /XRef … >> stream … endstream endobj}, then startxref. */
    private static Section streamSection(byte[] pdf, int start, int end, int at, int startxrefAt, int maxObjects)
            throws Problem {
        Matcher header =
                HEADER.matcher(new String(pdf, at, Math.min(24, startxrefAt - at), StandardCharsets.ISO_8859_1));
        if (!header.lookingAt()) {
            throw Problem.malformed("startxref points at neither a table nor an object");
        }
        PdfSyntax syntax = PdfSyntax.strict(pdf, at, startxrefAt);
        syntax.readInteger();
        syntax.readInteger();
        syntax.expectKeyword("obj");
        if (!(syntax.readValue() instanceof Map<?, ?> raw)) {
            throw Problem.malformed("the cross-reference stream's dictionary is not a dictionary");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dictionary = (Map<String, Object>) raw;
        if (!new PdfSyntax.Name("XRef").equals(dictionary.get("Type"))) {
            throw Problem.malformed("startxref points at an object that is not a cross-reference stream");
        }
        if (dictionary.containsKey("Encrypt") || dictionary.containsKey("XRefStm")) {
            throw Problem.malformed("the cross-reference stream names /Encrypt or /XRefStm");
        }
        syntax.skipSpace();
        byte[] data = syntax.readStreamData(dictionary, MAX_OBJECT_STREAM_BYTES);
        syntax.skipSpace();
        syntax.expectKeyword("endobj");
        if (!isEndOfLine(pdf, syntax.position(), startxrefAt)) {
            throw Problem.malformed("something other than an end of line follows the cross-reference stream");
        }
        requirePrev(dictionary, start, pdf);
        if (size(dictionary) - 1 > maxObjects) {
            throw Problem.tooLarge(
                    "the file declares " + (size(dictionary) - 1) + " objects; the limit is " + maxObjects);
        }
        List<Entry> entries = XrefStreamEntries.read(dictionary, data).stream()
                .map(entry -> new Entry(entry.object(), entry.type(), entry.field2(), entry.field3()))
                .toList();
        return new Section(start, end, at, startxrefAt, -1, entries, size(dictionary), keys(dictionary));
    }

    /** The table at {@code at} and where its {@code trailer} keyword is. */
    record ClassicTable(List<Entry> entries, int trailerAt) {}

    /**
     * Reads {@code xref EOL (first count EOL entry*)+} up to {@code trailer}, byte for byte (§7.5.4): each entry
     * exactly 20 bytes, nothing else (no comment, no blank line, no extra space).
     */
    static ClassicTable readClassicTable(byte[] pdf, int at, int limit, int maxObjects, boolean blankBeforeTrailer)
            throws Problem {
        int position = at + "xref".length();
        position = endOfLine(pdf, position, limit, "xref");
        List<Entry> entries = new ArrayList<>();
        while (!startsWith(pdf, position, "trailer")) {
            if (blankBeforeTrailer && !entries.isEmpty()) {
                int after = position;
                while (after < limit && (pdf[after] == '\n' || pdf[after] == '\r' || pdf[after] == ' ')) {
                    after++;
                }
                if (after > position && startsWith(pdf, after, "trailer")) {
                    position = after;
                    break;
                }
            }
            Matcher subsection = SUBSECTION.matcher(text(pdf, position, Math.min(limit, position + 24)));
            if (!subsection.lookingAt()) {
                throw Problem.malformed("the cross-reference table at byte " + at + " holds something other than"
                        + " subsections of 20-byte entries at byte " + position);
            }
            long first = Long.parseLong(subsection.group(1));
            long count = Long.parseLong(subsection.group(2));
            if (entries.size() + count > maxObjects + 1L) {
                throw Problem.tooLarge("the cross-reference table lists more than " + maxObjects + " objects");
            }
            position += subsection.end();
            for (long i = 0; i < count; i++) {
                if (position + 20 > limit) {
                    throw Problem.malformed("the cross-reference table at byte " + at + " is cut short");
                }
                Matcher entry = ENTRY.matcher(text(pdf, position, position + 20));
                if (!entry.matches()) {
                    throw Problem.malformed("the cross-reference entry at byte " + position
                            + " is not 20 bytes 'nnnnnnnnnn ggggg n|f' and an end of line");
                }
                entries.add(new Entry(
                        first + i,
                        entry.group(3).equals("n") ? 1 : 0,
                        Long.parseLong(entry.group(1)),
                        Integer.parseInt(entry.group(2))));
                position += 20;
            }
        }
        int trailerAt = position;
        int afterKeyword = trailerAt + "trailer".length();
        if (afterKeyword >= limit
                || !(pdf[afterKeyword] == '\n'
                        || pdf[afterKeyword] == '\r'
                        || pdf[afterKeyword] == ' '
                        || pdf[afterKeyword] == '<')) {
            throw Problem.malformed("'trailer' is not followed by its dictionary");
        }
        return new ClassicTable(entries, trailerAt);
    }

    private static void requireHeaderAt(byte[] pdf, Entry entry, int revisionStart, int sectionAt) throws Problem {
        long offset = entry.field2();
        if (offset < revisionStart || offset > sectionAt) {
            throw Problem.malformed("object " + entry.number() + " is listed at byte " + offset
                    + ", outside the revision that lists it");
        }
        Matcher header = HEADER.matcher(text(pdf, (int) offset, Math.min(pdf.length, (int) offset + 24)));
        if (!header.lookingAt()
                || Long.parseLong(header.group(1)) != entry.number()
                || Integer.parseInt(header.group(2)) != entry.field3()) {
            throw Problem.malformed("the entry of object " + entry.number() + " " + entry.field3()
                    + " does not point at that object's header (byte " + offset + ")");
        }
    }

    private record ObjectStream(int objects, int decodedBytes) {}

    /**
     * An object stream a compressed entry names: in use, {@code /Type /ObjStm} with its count {@code /N}, Flate or
     * plain, its data inflated here within {@code room} bytes.
     */
    private static ObjectStream readObjectStream(byte[] pdf, Map<Long, Entry> effective, long number, long room)
            throws Problem {
        Entry stream = effective.get(number);
        if (stream == null || stream.type() != 1) {
            throw Problem.malformed("object stream " + number + " is not an object in use");
        }
        PdfSyntax syntax = PdfSyntax.strict(pdf, (int) stream.field2(), pdf.length);
        try {
            syntax.readInteger();
            syntax.readInteger();
            syntax.expectKeyword("obj");
            if (!(syntax.readValue() instanceof Map<?, ?> raw)) {
                throw Problem.malformed("object stream " + number + " is not a stream");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> dictionary = (Map<String, Object>) raw;
            if (!new PdfSyntax.Name("ObjStm").equals(dictionary.get("Type"))
                    || !(dictionary.get("N") instanceof Long n)
                    || n > Integer.MAX_VALUE) {
                throw Problem.malformed("object " + number + " is not an object stream");
            }
            int limit = (int) Math.min(MAX_OBJECT_STREAM_BYTES, Math.max(0, room));
            syntax.skipSpace();
            byte[] data = PdfSyntax.decodeFlate(
                    dictionary, syntax.readStreamData(dictionary, MAX_OBJECT_STREAM_BYTES), limit);
            return new ObjectStream((int) (long) n, data.length);
        } catch (IllegalArgumentException e) {
            String what = "object stream " + number + " cannot be read: " + e.getMessage();
            throw e.getMessage().contains("inflates beyond") ? Problem.tooLarge(what) : Problem.malformed(what);
        }
    }

    /**
     * A later revision's trailer repeats the previous one's /Root and /Info (ISO 32000-1 §7.5.6: an update's trailer
     * holds every entry of the previous trailer but /Prev). PDFBox merges the trailers of all revisions and would find
     * a dropped entry in an earlier one; MuPDF, poppler and qpdf read only the newest trailer, and without /Root
     * cannot show the document, or (poppler) rebuild the object table by scanning the file.
     */
    private static void requireRepeated(Section previous, Section section) throws Problem {
        for (String key : List.of("Root", "Info")) {
            if (previous.keys().contains(key) && !section.keys().contains(key)) {
                throw Problem.malformed("the trailer of the revision ending at byte " + section.end() + " drops the /"
                        + key + " of the previous one, which readers that read only the newest trailer lose");
            }
        }
    }

    private static Set<String> keys(Map<?, ?> trailer) {
        Set<String> keys = new HashSet<>();
        trailer.keySet().forEach(key -> keys.add((String) key));
        return keys;
    }

    /** The first revision has no /Prev; each later one's is the previous revision's startxref. */
    private static void requirePrev(Map<?, ?> trailer, int start, byte[] pdf) throws Problem {
        Object prev = trailer.get("Prev");
        if (start == 0) {
            if (prev != null) {
                throw Problem.malformed("the first revision's trailer has a /Prev");
            }
            return;
        }
        long previous = RevisionXref.startxref(pdf, 0, start);
        if (!(prev instanceof Long value) || value != previous) {
            throw Problem.malformed("the section of the revision starting at byte " + start
                    + " does not chain to the previous revision's (/Prev)");
        }
    }

    private static long size(Map<?, ?> trailer) throws Problem {
        if (!(trailer.get("Size") instanceof Long size) || size < 1) {
            throw Problem.malformed("a trailer's /Size is not a positive integer");
        }
        return size;
    }

    private static int endOfLine(byte[] pdf, int position, int limit, String after) throws Problem {
        if (position + 1 < limit && pdf[position] == '\r' && pdf[position + 1] == '\n') {
            return position + 2;
        }
        if (position < limit && (pdf[position] == '\n' || pdf[position] == '\r')) {
            return position + 1;
        }
        throw Problem.malformed("'" + after + "' is not followed by an end of line at byte " + position);
    }

    /** Exactly one end of line from {@code position} up to {@code limit}. */
    private static boolean isEndOfLine(byte[] pdf, int position, int limit) {
        String rest = text(pdf, position, limit);
        return rest.equals("\n") || rest.equals("\r") || rest.equals("\r\n");
    }

    /** At most two bytes, CR or LF: what a writer may leave after the last {@code %%EOF} and its end of line. */
    private static boolean onlyLineEnds(byte[] pdf, int from, int to) {
        if (to - from > 2) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (pdf[i] != '\r' && pdf[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] pdf, int at, String word) {
        byte[] bytes = word.getBytes(StandardCharsets.ISO_8859_1);
        return at >= 0
                && at + bytes.length <= pdf.length
                && java.util.Arrays.equals(pdf, at, at + bytes.length, bytes, 0, bytes.length);
    }

    /** Where {@code word} first occurs in {@code [from, to)}, or -1. */
    static int indexOf(byte[] pdf, String word, int from, int to) {
        byte[] bytes = word.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = from; i + bytes.length <= to; i++) {
            if (java.util.Arrays.equals(pdf, i, i + bytes.length, bytes, 0, bytes.length)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] pdf, String word, int from, int to) {
        byte[] bytes = word.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = to - bytes.length; i >= from; i--) {
            if (java.util.Arrays.equals(pdf, i, i + bytes.length, bytes, 0, bytes.length)) {
                return i;
            }
        }
        return -1;
    }

    private static String text(byte[] pdf, int from, int to) {
        return new String(pdf, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
    }
}
