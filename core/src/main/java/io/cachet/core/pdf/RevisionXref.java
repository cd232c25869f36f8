package io.cachet.core.pdf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The cross-reference section of one incremental update, read strictly, by hand: PDFBox's reader is lenient on
 * purpose (it ignores free entries, keeps each generation of an object number apart and repairs wrong offsets by
 * scanning the file), whereas viewers differ in how they recover, so an update accepted after a signature must be
 * unambiguous for every reader (ISO 32000-1 §7.5.4, §7.5.6, §7.5.8). {@link #check} refuses an update whose section
 *
 * <ul>
 *   <li>is not a classic table or a cross-reference stream (Flate, no predictor or PNG predictors None/Up) at the
 *       offset its {@code startxref} gives, inside the update;
 *   <li>does not chain ({@code /Prev}) to the previous revision's section, or refers to a hybrid {@code /XRefStm};
 *   <li>frees an object (any free entry but the list head, object 0);
 *   <li>lists an object of the signed revision with another generation, an in-use entry outside the update, or an
 *       offset where that very {@code N G obj} does not start;
 *   <li>leaves in its bytes an {@code N G obj} header it does not list (an object some readers would recover).
 * </ul>
 */
final class RevisionXref {
    private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d{1,10})\\s+%%EOF\\s*$");
    private static final Pattern OBJECT_HEADER =
            Pattern.compile("(?<![0-9])(\\d{1,10})\\s+(\\d{1,5})\\s+obj(?![A-Za-z])");
    private static final Pattern SUBSECTION = Pattern.compile("(\\d{1,10}) (\\d{1,10})");
    private static final Pattern ENTRY = Pattern.compile("(\\d{10}) (\\d{5}) ([nf])");
    private static final int MAX_ENTRIES = 100_000;
    private static final int MAX_STREAM_BYTES = 4 * 1024 * 1024;

    /** One entry: its type (0 free, 1 in use, 2 compressed), its object number and two fields. */
    private record Entry(long object, int type, long field2, long field3) {}

    private record Section(List<Entry> entries, long prev, Optional<Long> ownObject) {}

    private RevisionXref() {}

    /** The {@code startxref} offset of the revision ending at {@code end}, or -1 when it has none. */
    static long startxref(byte[] pdf, int start, int end) {
        int from = Math.max(start, end - 64);
        Matcher matcher = STARTXREF.matcher(new String(pdf, from, end - from, StandardCharsets.ISO_8859_1));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /**
     * Empty when the update {@code [start, end)} has a strict, complete section chained to the revision ending at
     * {@code start}; otherwise what is wrong.
     *
     * @param generations the generation of each object number defined so far (the signed revision's, then each
     *     accepted update's); the update's new objects are added to it
     */
    static Optional<String> check(byte[] pdf, int start, int end, Map<Long, Integer> generations) {
        long offset = startxref(pdf, start, end);
        if (offset < start || offset >= end) {
            return Optional.of("its startxref does not point inside it");
        }
        long previous = startxref(pdf, 0, start);
        Section section;
        try {
            section = parse(pdf, (int) offset, end);
        } catch (IllegalArgumentException e) {
            return Optional.of("its cross-reference section cannot be read strictly: " + e.getMessage());
        }
        if (section.prev() != previous) {
            return Optional.of("its cross-reference section does not chain to the previous revision's (/Prev)");
        }
        Map<Long, Long> listedAt = new HashMap<>();
        for (Entry entry : section.entries()) {
            if (entry.type() == 0) {
                if (entry.object() != 0) {
                    return Optional.of("it frees object " + entry.object());
                }
                continue;
            }
            if (entry.type() == 2) {
                // Compressed in an object stream, which must itself be defined in this update.
                continue;
            }
            if (entry.type() != 1) {
                return Optional.of("its cross-reference section has an entry of unknown type " + entry.type());
            }
            int generation = (int) entry.field3();
            Integer signed = generations.get(entry.object());
            if (signed != null && signed != generation) {
                return Optional.of("it redefines object " + entry.object() + " with generation " + generation);
            }
            long at = entry.field2();
            if (at < start || at >= end || !headerAt(pdf, (int) at, entry.object(), generation)) {
                return Optional.of("its entry for object " + entry.object() + " does not point at that object"
                        + " within the update");
            }
            listedAt.put(at, entry.object());
        }
        for (Entry entry : section.entries()) {
            if (entry.type() == 2 && !listedAt.containsValue(entry.field2())) {
                return Optional.of("object " + entry.object() + " is compressed in an object stream the update"
                        + " does not define");
            }
        }
        // Every object header in the update must be listed, or be an identical copy of a listed definition.
        Matcher headers = OBJECT_HEADER.matcher(new String(pdf, start, end - start, StandardCharsets.ISO_8859_1));
        while (headers.find()) {
            long at = start + headers.start();
            boolean ownStream = section.ownObject().isPresent() && at == offset;
            if (!ownStream && !listedAt.containsKey(at) && !copyOfAListedObject(pdf, end, section, headers, at)) {
                return Optional.of("it holds an object (" + headers.group(1) + " " + headers.group(2)
                        + ") that its cross-reference section does not list");
            }
        }
        for (Entry entry : section.entries()) {
            if (entry.type() == 1) {
                generations.put(entry.object(), (int) entry.field3());
            } else if (entry.type() == 2) {
                generations.putIfAbsent(entry.object(), 0);
            }
        }
        return Optional.empty();
    }

    /**
     * An unlisted {@code N G obj} whose definition is byte for byte that of the same object listed in the update:
     * PDFBox writes such duplicates. Readers that follow the section and readers that rebuild it from the bytes then
     * see the same object, so it is not ambiguous.
     */
    private static boolean copyOfAListedObject(byte[] pdf, int end, Section section, Matcher header, long at) {
        long object = Long.parseLong(header.group(1));
        int generation = Integer.parseInt(header.group(2));
        Optional<String> copy = definition(pdf, (int) at, end);
        return copy.isPresent()
                && section.entries().stream()
                        .anyMatch(entry -> entry.type() == 1
                                && entry.object() == object
                                && entry.field3() == generation
                                && definition(pdf, (int) entry.field2(), end).equals(copy));
    }

    /** The bytes from an object's header to its {@code endobj}, when it has one before {@code end}. */
    private static Optional<String> definition(byte[] pdf, int at, int end) {
        String text = new String(pdf, at, end - at, StandardCharsets.ISO_8859_1);
        int close = text.indexOf("endobj");
        return close < 0 ? Optional.empty() : Optional.of(text.substring(0, close));
    }

    private static boolean headerAt(byte[] pdf, int at, long object, int generation) {
        String expected = object + " " + generation + " obj";
        if (at + expected.length() > pdf.length) {
            return false;
        }
        Matcher matcher =
                OBJECT_HEADER.matcher(new String(pdf, at, Math.min(32, pdf.length - at), StandardCharsets.ISO_8859_1));
        return matcher.lookingAt()
                && Long.parseLong(matcher.group(1)) == object
                && Integer.parseInt(matcher.group(2)) == generation;
    }

    private static Section parse(byte[] pdf, int offset, int end) {
        String head = new String(pdf, offset, Math.min(4, end - offset), StandardCharsets.ISO_8859_1);
        return head.equals("xref") ? table(pdf, offset, end) : stream(pdf, offset, end);
    }

    /** A classic table: {@code xref}, subsections of 20-byte entries, {@code trailer << … >>}. */
    private static Section table(byte[] pdf, int offset, int end) {
        String text = new String(pdf, offset, end - offset, StandardCharsets.ISO_8859_1);
        int position = skipEol(text, "xref".length());
        List<Entry> entries = new ArrayList<>();
        while (!text.startsWith("trailer", position)) {
            int lineEnd = lineEnd(text, position);
            Matcher subsection =
                    SUBSECTION.matcher(text.substring(position, lineEnd).strip());
            if (!subsection.matches()) {
                throw new IllegalArgumentException("a subsection header is not 'first count'");
            }
            long first = Long.parseLong(subsection.group(1));
            long count = Long.parseLong(subsection.group(2));
            if (entries.size() + count > MAX_ENTRIES) {
                throw new IllegalArgumentException("too many entries");
            }
            position = skipEol(text, lineEnd);
            for (long i = 0; i < count; i++) {
                if (position + 20 > text.length()) {
                    throw new IllegalArgumentException("the table is cut short");
                }
                Matcher entry = ENTRY.matcher(text.substring(position, position + 18));
                String eol = text.substring(position + 18, position + 20);
                if (!entry.matches() || !(eol.equals(" \r") || eol.equals(" \n") || eol.equals("\r\n"))) {
                    throw new IllegalArgumentException("an entry is not 20 bytes 'nnnnnnnnnn ggggg n|f'");
                }
                entries.add(new Entry(
                        first + i,
                        entry.group(3).equals("n") ? 1 : 0,
                        Long.parseLong(entry.group(1)),
                        Integer.parseInt(entry.group(2))));
                position += 20;
            }
        }
        int trailerEnd = text.indexOf("startxref", position);
        if (trailerEnd < 0) {
            throw new IllegalArgumentException("no startxref after the trailer");
        }
        String trailer = text.substring(position, trailerEnd);
        if (trailer.contains("/XRefStm")) {
            throw new IllegalArgumentException("hybrid cross-reference sections (/XRefStm) are not accepted");
        }
        return new Section(entries, integer(trailer, "Prev").orElse(-1L), Optional.empty());
    }

    /** A cross-reference stream (§7.5.8): {@code N G obj << /Type /XRef /W … >> stream … endstream}. */
    private static Section stream(byte[] pdf, int offset, int end) {
        String text = new String(pdf, offset, end - offset, StandardCharsets.ISO_8859_1);
        Matcher header = OBJECT_HEADER.matcher(text);
        if (!header.lookingAt()) {
            throw new IllegalArgumentException("startxref points at neither 'xref' nor an object");
        }
        int streamKeyword = text.indexOf("stream", header.end());
        if (streamKeyword < 0) {
            throw new IllegalArgumentException("the cross-reference object is not a stream");
        }
        String dictionary = text.substring(header.end(), streamKeyword);
        if (!dictionary.matches("(?s).*/Type\\s*/XRef\\b.*")) {
            throw new IllegalArgumentException("the object at startxref is not /Type /XRef");
        }
        if (dictionary.contains("/XRefStm")) {
            throw new IllegalArgumentException("hybrid cross-reference sections (/XRefStm) are not accepted");
        }
        long length = integer(dictionary, "Length")
                .filter(value -> !dictionary.matches("(?s).*/Length\\s+\\d+\\s+\\d+\\s+R.*"))
                .orElseThrow(() -> new IllegalArgumentException("/Length is not a direct integer"));
        int[] widths = integers(dictionary, "W");
        if (widths.length != 3 || widths[1] < 1 || widths[0] > 4 || widths[1] > 8 || widths[2] > 4) {
            throw new IllegalArgumentException("/W is not three field widths");
        }
        long size = integer(dictionary, "Size").orElseThrow(() -> new IllegalArgumentException("no /Size"));
        int[] index = dictionary.contains("/Index") ? integers(dictionary, "Index") : new int[] {0, (int) size};
        if (index.length % 2 != 0) {
            throw new IllegalArgumentException("/Index does not hold pairs");
        }
        int dataStart = streamKeyword + "stream".length();
        dataStart += text.startsWith("\r\n", dataStart) ? 2 : text.startsWith("\n", dataStart) ? 1 : 0;
        if (dataStart + length > text.length() || length > MAX_STREAM_BYTES) {
            throw new IllegalArgumentException("the stream's /Length runs past the update");
        }
        byte[] raw = new byte[(int) length];
        System.arraycopy(pdf, offset + dataStart, raw, 0, (int) length);
        int rowLength = widths[0] + widths[1] + widths[2];
        byte[] data = unpredict(decode(dictionary, raw), dictionary, rowLength);
        List<Entry> entries = new ArrayList<>();
        int row = 0;
        for (int pair = 0; pair < index.length; pair += 2) {
            for (int i = 0; i < index[pair + 1]; i++) {
                if ((row + 1) * rowLength > data.length || entries.size() >= MAX_ENTRIES) {
                    throw new IllegalArgumentException("the stream holds fewer entries than /Index says");
                }
                int at = row * rowLength;
                long type = widths[0] == 0 ? 1 : field(data, at, widths[0]);
                long second = field(data, at + widths[0], widths[1]);
                long third = widths[2] == 0 ? 0 : field(data, at + widths[0] + widths[1], widths[2]);
                entries.add(new Entry(index[pair] + (long) i, (int) type, second, third));
                row++;
            }
        }
        return new Section(
                entries, integer(dictionary, "Prev").orElse(-1L), Optional.of(Long.parseLong(header.group(1))));
    }

    private static byte[] decode(String dictionary, byte[] raw) {
        if (!dictionary.contains("/Filter")) {
            return raw;
        }
        if (!dictionary.matches("(?s).*/Filter\\s*(\\[\\s*)?/FlateDecode\\s*\\]?.*")) {
            throw new IllegalArgumentException("the cross-reference stream is not Flate-encoded");
        }
        Inflater inflater = new Inflater();
        inflater.setInput(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_STREAM_BYTES) {
                    throw new IllegalArgumentException("the cross-reference stream inflates too far");
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("the cross-reference stream does not inflate");
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    /** PNG predictors (§7.4.4.4) with rows filtered None or Up, as PDF writers use them; anything else is refused. */
    private static byte[] unpredict(byte[] data, String dictionary, int rowLength) {
        Optional<Long> predictor = integer(dictionary, "Predictor");
        if (predictor.isEmpty() || predictor.get() == 1) {
            return data;
        }
        if (predictor.get() < 10 || integer(dictionary, "Columns").orElse(1L) != rowLength) {
            throw new IllegalArgumentException("unsupported predictor in the cross-reference stream");
        }
        int stride = rowLength + 1;
        if (data.length % stride != 0) {
            throw new IllegalArgumentException("the predicted rows do not divide the data");
        }
        byte[] out = new byte[data.length / stride * rowLength];
        for (int row = 0; row < data.length / stride; row++) {
            int filter = data[row * stride];
            for (int i = 0; i < rowLength; i++) {
                int value = data[row * stride + 1 + i] & 0xFF;
                if (filter == 2 && row > 0) {
                    value = (value + (out[(row - 1) * rowLength + i] & 0xFF)) & 0xFF;
                } else if (filter != 0 && filter != 2) {
                    throw new IllegalArgumentException("PNG filter " + filter + " in the cross-reference stream");
                }
                out[row * rowLength + i] = (byte) value;
            }
        }
        return out;
    }

    private static long field(byte[] data, int at, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (data[at + i] & 0xFF);
        }
        return value;
    }

    private static Optional<Long> integer(String dictionary, String key) {
        Matcher matcher =
                Pattern.compile("/" + key + "\\s+(\\d{1,12})(?![\\d.])").matcher(dictionary);
        return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    private static int[] integers(String dictionary, String key) {
        Matcher matcher = Pattern.compile("/" + key + "\\s*\\[([\\d\\s]*)\\]").matcher(dictionary);
        if (!matcher.find()) {
            throw new IllegalArgumentException("/" + key + " is not an array of integers");
        }
        String body = matcher.group(1).strip();
        if (body.isEmpty()) {
            return new int[0];
        }
        String[] parts = body.split("\\s+");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].length() > 9) {
                throw new IllegalArgumentException("/" + key + " holds a number too large");
            }
            values[i] = Integer.parseInt(parts[i]);
        }
        return values;
    }

    private static int lineEnd(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return end;
    }

    private static int skipEol(String text, int from) {
        int position = from;
        while (position < text.length()
                && (text.charAt(position) == '\r' || text.charAt(position) == '\n' || text.charAt(position) == ' ')) {
            position++;
        }
        return position;
    }
}
