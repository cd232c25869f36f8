package io.cachet.core.pdf;

import io.cachet.core.pdf.RevisionXref.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a cross-reference stream (ISO 32000-1 §7.5.8), decoded strictly: {@code /W} three field widths,
 * {@code /Index} ascending pairs within {@code /Size}, Flate data with at most the PNG None and Up predictors, and
 * exactly as many rows as {@code /Index} lists. Read for the updates after a signature ({@link RevisionXref}) and for
 * the whole chain ({@link XrefChain}); anything else is an {@link IllegalArgumentException} saying what.
 */
final class XrefStreamEntries {
    private XrefStreamEntries() {}

    /** The entries of a cross-reference stream (§7.5.8): exactly as many rows as {@code /Index} says. */
    static List<Entry> read(Map<String, Object> dictionary, byte[] raw) {
        long size = integer(dictionary, "Size");
        List<Long> widths = integers(dictionary.get("W"), "/W");
        if (widths.size() != 3 || widths.get(0) > 4 || widths.get(1) < 1 || widths.get(1) > 8 || widths.get(2) > 4) {
            throw new IllegalArgumentException("/W is not three field widths");
        }
        List<Long> index =
                dictionary.containsKey("Index") ? integers(dictionary.get("Index"), "/Index") : List.of(0L, size);
        if (index.size() % 2 != 0) {
            throw new IllegalArgumentException("/Index does not hold pairs");
        }
        long rows = 0;
        long next = 0;
        for (int pair = 0; pair < index.size(); pair += 2) {
            if (index.get(pair) < next) {
                throw new IllegalArgumentException("/Index ranges are not ascending and apart");
            }
            next = index.get(pair) + index.get(pair + 1);
            rows += index.get(pair + 1);
        }
        if (rows > RevisionXref.MAX_ENTRIES || next > size) {
            throw new IllegalArgumentException("/Index lists more entries than allowed or than /Size");
        }
        int rowLength = (int) (widths.get(0) + widths.get(1) + widths.get(2));
        byte[] data =
                unpredict(PdfSyntax.decodeFlate(dictionary, raw, RevisionXref.MAX_STREAM_BYTES), dictionary, rowLength);
        if (data.length != rows * rowLength) {
            throw new IllegalArgumentException(
                    "the stream holds " + data.length + " bytes, not " + rows + " rows of " + rowLength);
        }
        List<Entry> entries = new ArrayList<>();
        int row = 0;
        for (int pair = 0; pair < index.size(); pair += 2) {
            for (long i = 0; i < index.get(pair + 1); i++) {
                int at = row * rowLength;
                int w0 = (int) (long) widths.get(0);
                int w1 = (int) (long) widths.get(1);
                int w2 = (int) (long) widths.get(2);
                long type = w0 == 0 ? 1 : field(data, at, w0);
                long second = field(data, at + w0, w1);
                long third = w2 == 0 ? 0 : field(data, at + w0 + w1, w2);
                entries.add(new Entry(index.get(pair) + i, (int) type, second, third));
                row++;
            }
        }
        return entries;
    }

    /** PNG predictors (§7.4.4.4) with rows filtered None or Up, as PDF writers use them; anything else is refused. */
    private static byte[] unpredict(byte[] data, Map<String, Object> dictionary, int rowLength) {
        Object parameters = dictionary.get("DecodeParms");
        if (parameters == null) {
            return data;
        }
        if (!new PdfSyntax.Name("FlateDecode").equals(dictionary.get("Filter"))) {
            // Beside a /Filter array, or without a filter, readers (PDFBox, MuPDF, poppler) ignore a /DecodeParms
            // dictionary (ISO 32000-1 §7.3.8.2: its shape follows /Filter's) and read other entries.
            throw new IllegalArgumentException(
                    "/DecodeParms beside a /Filter that is not the name /FlateDecode, which readers apply differently");
        }
        if (!(parameters instanceof Map<?, ?> map)
                || !(map.get("Predictor") instanceof Long predictor)
                || !Set.of("Predictor", "Columns", "Colors", "BitsPerComponent").containsAll(map.keySet())
                || !(map.get("Colors") == null || Long.valueOf(1).equals(map.get("Colors")))
                || !(map.get("BitsPerComponent") == null || Long.valueOf(8).equals(map.get("BitsPerComponent")))) {
            throw new IllegalArgumentException("unsupported /DecodeParms in the cross-reference stream");
        }
        if (predictor == 1) {
            return data;
        }
        if (predictor < 10 || !(map.get("Columns") instanceof Long columns) || columns != rowLength) {
            throw new IllegalArgumentException("unsupported predictor in the cross-reference stream");
        }
        int stride = rowLength + 1;
        if (data.length % stride != 0) {
            throw new IllegalArgumentException("the predicted rows do not divide the data");
        }
        byte[] out = new byte[data.length / stride * rowLength];
        for (int row = 0; row < data.length / stride; row++) {
            int filter = data[row * stride];
            if (filter != 0 && filter != 2) {
                throw new IllegalArgumentException("PNG filter " + filter + " in the cross-reference stream");
            }
            for (int i = 0; i < rowLength; i++) {
                int value = data[row * stride + 1 + i] & 0xFF;
                if (filter == 2 && row > 0) {
                    value = (value + (out[(row - 1) * rowLength + i] & 0xFF)) & 0xFF;
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

    private static long integer(Map<String, Object> dictionary, String key) {
        if (!(dictionary.get(key) instanceof Long value) || value < 0) {
            throw new IllegalArgumentException("/" + key + " is not a non-negative integer");
        }
        return value;
    }

    private static List<Long> integers(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(what + " is not an array");
        }
        List<Long> integers = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Long number) || number < 0) {
                throw new IllegalArgumentException(what + " holds something other than non-negative integers");
            }
            integers.add(number);
        }
        return integers;
    }
}
