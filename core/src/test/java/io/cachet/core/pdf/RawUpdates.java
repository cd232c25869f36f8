package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/**
 * Incremental updates written by hand, byte for byte, for the attack tests: what a forger (or another PDF writer)
 * appends to a genuine file, with classic cross-reference tables or cross-reference streams, and the lookups in the
 * genuine file's text they need (object numbers, the last trailer's entries, the last definition of an object).
 */
final class RawUpdates {
    /** Covers the whole page in black: what a forger puts in place of the certificate's content. */
    static final String BLACK_PAGE = "0 0 0 rg 0 0 596 842 re f";

    private RawUpdates() {}

    /** One entry of a raw incremental update: an object written in it, a free entry, or an entry to an offset. */
    record RawEntry(int number, int generation, String body, long offset, boolean free) {
        static RawEntry object(int number, int generation, String body) {
            return new RawEntry(number, generation, body, -1, false);
        }

        /** An object written in the update's body but left out of its cross-reference section. */
        static RawEntry unlisted(int number, int generation, String body) {
            return new RawEntry(number, generation, body, -2, false);
        }

        static RawEntry free(int number, int generation) {
            return new RawEntry(number, generation, null, 0, true);
        }

        static RawEntry at(int number, int generation, long offset) {
            return new RawEntry(number, generation, null, offset, false);
        }
    }

    static String stream(String content) {
        return "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream";
    }

    /** The object number of the first page's content stream. */
    static int pageContent(byte[] pdf) {
        Matcher matcher = Pattern.compile("/Contents (\\d+) 0 R").matcher(Forgery.text(pdf));
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    static long lastStartxref(byte[] pdf) {
        String text = Forgery.text(pdf);
        Matcher matcher = Pattern.compile("startxref\\s+(\\d+)\\s+%%EOF\\s*$").matcher(text);
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    static int lastSize(byte[] pdf) {
        Matcher matcher = Pattern.compile("/Size (\\d+)").matcher(Forgery.text(pdf));
        int size = 0;
        while (matcher.find()) {
            size = Integer.parseInt(matcher.group(1));
        }
        return size;
    }

    static String lastId(byte[] pdf) {
        Matcher matcher =
                Pattern.compile("/ID \\[<[0-9A-Fa-f]+> <[0-9A-Fa-f]+>\\]").matcher(Forgery.text(pdf));
        String id = "";
        while (matcher.find()) {
            id = matcher.group();
        }
        return id;
    }

    /**
     * Writes the entries' objects into {@code body} and their rows into {@code table} ({number, generation, offset,
     * type: 0 free, 1 in use}); returns the /Size they need.
     */
    private static int writeObjects(byte[] pdf, List<RawEntry> entries, StringBuilder body, List<long[]> table) {
        int size = lastSize(pdf);
        for (RawEntry entry : entries) {
            long offset = entry.offset();
            if (entry.body() != null) {
                offset = pdf.length + body.length();
                body.append(entry.number())
                        .append(' ')
                        .append(entry.generation())
                        .append(" obj\n");
                body.append(entry.body()).append("\nendobj\n");
            }
            if (entry.offset() == -2) {
                continue;
            }
            table.add(new long[] {entry.number(), entry.generation(), offset, entry.free() ? 0 : 1});
            size = Math.max(size, entry.number() + 1);
        }
        return size;
    }

    /** Appends an incremental update written by hand with a classic cross-reference table. */
    static byte[] rawUpdate(byte[] pdf, List<RawEntry> entries) {
        return rawUpdate(pdf, entries, "");
    }

    static byte[] rawUpdate(byte[] pdf, List<RawEntry> entries, String trailerExtra) {
        StringBuilder body = new StringBuilder("\n");
        List<long[]> table = new ArrayList<>();
        int size = writeObjects(pdf, entries, body, table);
        table.sort(Comparator.comparingLong(row -> row[0]));
        long xref = pdf.length + body.length();
        body.append("xref\n");
        for (long[] row : table) {
            body.append(row[0]).append(" 1\n");
            body.append(String.format("%010d %05d %s\r\n", row[2], row[1], row[3] == 0 ? "f" : "n"));
        }
        body.append("trailer\n<< /Size ")
                .append(size)
                .append(" /Root 1 0 R /Info 2 0 R /Prev ")
                .append(lastStartxref(pdf))
                .append(' ')
                .append(lastId(pdf))
                .append(trailerExtra)
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return Forgery.append(pdf, body.toString());
    }

    /** Appends an incremental update written by hand with a cross-reference stream (uncompressed, W [1 4 2]). */
    static byte[] rawXrefStreamUpdate(byte[] pdf, List<RawEntry> entries) {
        StringBuilder body = new StringBuilder("\n");
        List<long[]> table = new ArrayList<>();
        int size = writeObjects(pdf, entries, body, table);
        int self = size;
        long xref = pdf.length + body.length();
        table.add(new long[] {self, 0, xref, 1});
        size = self + 1;
        table.sort(Comparator.comparingLong(row -> row[0]));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        StringBuilder index = new StringBuilder();
        for (long[] row : table) {
            index.append(row[0]).append(" 1 ");
            data.write((int) row[3]);
            for (int shift = 24; shift >= 0; shift -= 8) {
                data.write((int) (row[2] >> shift));
            }
            data.write((int) (row[1] >> 8));
            data.write((int) row[1]);
        }
        String binary = new String(data.toByteArray(), StandardCharsets.ISO_8859_1);
        body.append(self)
                .append(" 0 obj\n<< /Type /XRef /Size ")
                .append(size)
                .append(" /Index [")
                .append(index.toString().strip())
                .append("] /W [1 4 2] /Root 1 0 R /Info 2 0 R /Prev ")
                .append(lastStartxref(pdf))
                .append(' ')
                .append(lastId(pdf))
                .append(" /Length ")
                .append(binary.length())
                .append(" >>\nstream\n")
                .append(binary)
                .append("\nendstream\nendobj\n");
        body.append("startxref\n").append(xref).append("\n%%EOF\n");
        return Forgery.append(pdf, body.toString());
    }

    /** The object number of the catalog's /DSS. */
    static int dssObject(byte[] pdf) {
        Matcher matcher = Pattern.compile("/DSS (\\d+) 0 R").matcher(Forgery.text(pdf));
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * An object whose header {@code N\0\nG obj} the strict reader's pattern misses ({@code \s} has no NUL) while NUL
     * is PDF white-space (ISO 32000-1 §7.2.2): PDFBox and poppler's parser read it as {@code N G obj}, and poppler's
     * reconstruction (which takes a NUL for the end of a line and goes on with the next) records it as object N.
     */
    static String nulHeaderObject(int number, String body) {
        return "\n" + number + "\u0000\n" + "0 obj\n" + body + "\nendobj\n";
    }

    static String pageDefinition(byte[] pdf, int page) {
        String text = Forgery.text(pdf);
        int at = text.lastIndexOf("\n" + page + " 0 obj\n");
        int open = text.indexOf("<<", at);
        int close = text.indexOf("endobj", open);
        return text.substring(open, close).strip();
    }

    static String xrefStreamRows(long[][] rows) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (long[] row : rows) {
            data.write((int) row[0]);
            for (int shift = 24; shift >= 0; shift -= 8) {
                data.write((int) (row[1] >> shift));
            }
            data.write((int) (row[2] >> 8));
            data.write((int) row[2]);
        }
        return new String(data.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    static int pageObject(byte[] pdf) {
        Matcher matcher =
                Pattern.compile("(\\d+) 0 obj\\s*<<[^>]*?/Type /Page\\b(?!s)").matcher(Forgery.text(pdf));
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** The last definition's body of object {@code number} (a dictionary). */
    static String lastBody(byte[] pdf, int number) {
        Matcher matcher = Pattern.compile("(?s)(?<![0-9])" + number + " 0 obj\\s*(<<.*?>>)\\s*endobj")
                .matcher(Forgery.text(pdf));
        String body = null;
        while (matcher.find()) {
            body = matcher.group(1);
        }
        assertThat(body).as("object %d", number).isNotNull();
        return body;
    }

    static String dssBody(byte[] pdf) {
        return lastBody(pdf, dssObject(pdf));
    }

    /** The catalog as last written, its /DSS pointing at {@code dss}. */
    static String catalogBody(byte[] pdf, int dss) {
        return lastBody(pdf, 1).replaceFirst("/DSS \\d+ 0 R", "/DSS " + dss + " 0 R");
    }

    /** A new /DSS object with {@code body} and the catalog pointing at it. */
    static List<RawEntry> dssUpdateEntries(byte[] pdf, String body) {
        int dss = lastSize(pdf);
        return List.of(RawEntry.object(1, 0, catalogBody(pdf, dss)), RawEntry.object(dss, 0, body));
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /**
     * An incremental update with a cross-reference stream as qpdf or iText write it: /W [1 4 2], Flate-encoded,
     * /DecodeParms << /Predictor 12 /Columns 7 >>, every row filtered Up.
     */
    static byte[] predictedXrefStreamUpdate(byte[] pdf, List<RawEntry> entries) {
        return predictedXrefStreamUpdate(pdf, entries, "/Predictor 12 /Columns 7");
    }

    static byte[] predictedXrefStreamUpdate(byte[] pdf, List<RawEntry> entries, String decodeParms) {
        StringBuilder body = new StringBuilder("\n");
        List<long[]> table = new ArrayList<>();
        int size = lastSize(pdf);
        for (RawEntry entry : entries) {
            long offset = pdf.length + body.length();
            body.append(entry.number()).append(" 0 obj\n").append(entry.body()).append("\nendobj\n");
            table.add(new long[] {entry.number(), 0, offset});
            size = Math.max(size, entry.number() + 1);
        }
        int self = size;
        long xref = pdf.length + body.length();
        table.add(new long[] {self, 0, xref});
        size = self + 1;
        table.sort(java.util.Comparator.comparingLong(row -> row[0]));
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        byte[] previous = new byte[7];
        StringBuilder index = new StringBuilder();
        for (long[] row : table) {
            index.append(row[0]).append(" 1 ");
            byte[] current = {1, (byte) (row[2] >> 24), (byte) (row[2] >> 16), (byte) (row[2] >> 8), (byte) row[2], 0, 0
            };
            rows.write(2);
            for (int i = 0; i < 7; i++) {
                rows.write((current[i] - previous[i]) & 0xFF);
            }
            previous = current;
        }
        String binary = new String(deflate(rows.toByteArray()), StandardCharsets.ISO_8859_1);
        body.append(self)
                .append(" 0 obj\n<< /Type /XRef /Size ")
                .append(size)
                .append(" /Index [")
                .append(index.toString().strip())
                .append("] /W [1 4 2] /Filter /FlateDecode /DecodeParms << " + decodeParms + " >>")
                .append(" /Root 1 0 R /Info 2 0 R /Prev ")
                .append(lastStartxref(pdf))
                .append(' ')
                .append(lastId(pdf))
                .append(" /Length ")
                .append(binary.length())
                .append(" >>\nstream\n")
                .append(binary)
                .append("\nendstream\nendobj\n");
        body.append("startxref\n").append(xref).append("\n%%EOF\n");
        return Forgery.append(pdf, body.toString());
    }
}
