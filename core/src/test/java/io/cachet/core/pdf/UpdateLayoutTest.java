package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.pdf.RawUpdates.RawEntry;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an update after the signature may be laid out, judged against what MuPDF ({@code mutool}), poppler
 * ({@code pdftotext}, {@code pdfinfo}) and qpdf make of it. Each test is written by hand on a genuine B-LT or B-LTA
 * file; where those tools are installed it first shows the readers' behaviour, then what Cachet must answer.
 *
 * <ul>
 *   <li>An update's trailer repeats /Root and /Info (ISO 32000-1 §7.5.6): PDFBox would find them in an earlier
 *       trailer, while MuPDF, poppler and qpdf read only the newest and, without /Root, cannot show the document or
 *       rebuild their table by scanning the file.
 *   <li>The repair-style scan ({@link StructureScan}) finds every object header a reader's repair finds: after a
 *       {@code %} inside a string, across vertical tabs (white-space for C's {@code isspace}, which poppler's repair
 *       uses), with a signed or lone-sign generation (MuPDF's lexer reads them as integers), and in other spellings.
 *   <li>Layouts that every reader reads alike (table line endings, cross-reference stream field widths, PNG
 *       predictors, long names) are accepted; a {@code /DecodeParms} that some readers ignore is refused.
 * </ul>
 */
@ExtendWith(LongTermFilesExtension.class)
class UpdateLayoutTest {
    /** Covers the whole page in black: what the forger's hidden page content draws. */
    private static final String FORGED_PAGE = "0 0 0 rg 0 0 596 842 re f";

    @TempDir
    static Path folder;

    private static LongTermFiles files;
    private static byte[] lt;
    private static byte[] lta;
    private static int content;

    @BeforeAll
    static void shareFiles(LongTermFiles shared) {
        files = shared;
        lt = shared.lt();
        lta = shared.lta();
        content = RawUpdates.pageContent(lt);
    }

    // ---------------------------------------------------------------- trailers, and headers other readers find

    @Test
    void anUpdateWhoseTrailerDropsRootIsRefused() throws Exception {
        // A /DSS update whose trailer has /Size, /Prev, /Info and /ID but no /Root. PDFBox
        // (so Cachet) takes /Root from the earlier revision's trailer; MuPDF says "cannot find page tree", qpdf
        // "unable to find /Root dictionary", poppler rebuilds its table by scanning, finds no classic trailer with
        // /Root and shows nothing. ISO 32000-1 §7.5.6: an update's trailer repeats every entry of the previous one
        // but /Prev. Works on B-LTA files too (validation data may follow the last document timestamp).
        for (byte[] genuine : List.of(lt, lta)) {
            byte[] forged = update(genuine, dssEntries(genuine), " /Info 2 0 R " + RawUpdates.lastId(genuine));

            if (available("mutool") && available("qpdf") && available("pdftotext")) {
                assertThat(run("mutool", "draw", "-F", "txt", "-o", "-", write("noroot.pdf", forged)))
                        .contains("cannot find page tree");
                assertThat(run("qpdf", "--check", write("noroot.pdf", forged))).contains("unable to find /Root");
                assertThat(popplerText(forged)).isBlank();
                assertThat(popplerText(genuine)).isNotBlank();
            }
            assertRefused(forged);
        }
    }

    @Test
    void anUpdateWhoseTrailerDropsInfoIsRefused() throws Exception {
        // The same with /Info left out: PDFBox keeps the earlier /Info (title, author),
        // poppler's pdfinfo and MuPDF's "mutool info" show none.
        byte[] forged = update(lt, dssEntries(lt), " /Root 1 0 R " + RawUpdates.lastId(lt));

        if (available("pdfinfo")) {
            assertThat(run("pdfinfo", write("noinfo.pdf", forged))).doesNotContain("Title:");
            assertThat(run("pdfinfo", write("genuine.pdf", lt))).contains("Title:");
        }
        assertRefused(forged);
    }

    @Test
    void aPageContentHiddenAfterAPercentSignInATrailerStringIsWhatPopplerDraws() throws Exception {
        // Two /DSS updates; the second one's trailer drops /Root (so poppler
        // rebuilds its table by scanning lines) and its /ID holds the string "(%endobj15 0 obj << /Length .. >>
        // stream <black page> endstream endobj)". Poppler's repair splits lines at "endobj" and finds "15 0 obj"
        // right after it: it draws a black page, no warning. A scan that took the rest of the line after the '%'
        // for a comment (it is inside a string) would skip the header.
        byte[] first = update(lt, dssEntries(lt), rootInfoId(lt));
        byte[] forged = update(first, dssEntries(first), " /Info 2 0 R /ID [(%endobj" + hiddenPageContent() + ") (x)]");

        if (available("pdftotext")) {
            assertThat(popplerText(first)).isEqualTo(popplerText(lt));
            assertThat(popplerText(forged)).isNotEqualTo(popplerText(lt)).isBlank();
        }
        assertRefused(forged);
        // The scan alone, with /Root kept so that nothing else refuses the file.
        byte[] withRoot = update(
                first, dssEntries(first), " /Root 1 0 R /Info 2 0 R /ID [(%endobj" + hiddenPageContent() + ") (x)]");
        assertThat(structureProblem(withRoot)).as("scan of '%%endobj15 0 obj'").isNotEmpty();
    }

    @Test
    void aPageContentHiddenBehindVerticalTabsIsWhatPopplerDraws() throws Exception {
        // As above with the header written "15<VT>0<VT>obj" on a line of its own in the
        // /ID string: poppler's repair finds it (C's isspace takes 0x0B for white-space) and draws the black page;
        // a scan that knew only the six white-space characters of ISO 32000-1 §7.2.3 would miss it.
        byte[] first = update(lt, dssEntries(lt), rootInfoId(lt));
        String header = content + "\0130\013obj";
        byte[] forged =
                update(first, dssEntries(first), " /Info 2 0 R /ID [(\n" + hiddenPageContent(header) + ") (x)]");

        if (available("pdftotext")) {
            assertThat(popplerText(forged)).isNotEqualTo(popplerText(lt)).isBlank();
        }
        assertRefused(forged);
        byte[] withRoot = update(
                first, dssEntries(first), " /Root 1 0 R /Info 2 0 R /ID [(\n" + hiddenPageContent(header) + ") (x)]");
        assertThat(structureProblem(withRoot)).as("scan of '15<VT>0<VT>obj'").isNotEmpty();
    }

    @Test
    void aHeaderWithASignedGenerationIsFoundByTheScan() {
        // MuPDF's lexer reads "+0", "-0" and even a lone "+" or "-" as
        // the integer 0, so its repair (pdf_repair_xref: INT INT obj) takes each of these for object 15 0; qpdf's
        // reconstruction reads "+0" too. No update is known that makes MuPDF or qpdf repair while Cachet accepts it
        // (poppler does not read signs), so no reader is shown drawing it; the scan finds "at least every header a
        // lexer would", with or without a gap before the sign.
        for (String header : List.of(
                content + " +0 obj", content + " -0 obj", content + " - obj", content + "+0 obj", content + "- obj")) {
            byte[] forged = update(lt, dssEntries(lt), rootInfoId(lt, "(\n" + hiddenPageContent(header) + ")"));

            assertThat(structureProblem(forged)).as(header).isNotEmpty();
        }
    }

    // ---------------------------------------------------------------- layouts every reader reads alike

    @Test
    void aSecondValidationDataUpdateIsGenuine() {
        // The base of the attacks above: two /DSS updates in a row, written like the extender's, verify VALID.
        byte[] first = update(lt, dssEntries(lt), rootInfoId(lt));
        byte[] second = update(first, dssEntries(first), rootInfoId(first));

        assertValid(second);
    }

    @Test
    void headersInOtherSpellingsAreFoundByTheScan() {
        // Signs and leading zeros on the number, NUL, FF, CR and comments as gaps, a header glued to "endobj" (as
        // poppler's repair splits lines), a header in a stream: each is found and refused (PDF_AMBIGUOUS_STRUCTURE).
        List<String> headers = List.of(
                "+" + content + " 0 obj",
                "0" + content + " 00 obj",
                content + "\0" + "0\0obj",
                content + "\f0\fobj",
                content + "\r0\robj",
                content + "\n% note\n0\n% note\nobj",
                "endobj" + content + " 0 obj");
        for (String header : headers) {
            byte[] forged = update(lt, dssEntries(lt), rootInfoId(lt, "(\n" + hiddenPageContent(header) + ")"));

            files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
        }
    }

    @Test
    void aSecondEofMarkerInsideAStringIsRefused() throws Exception {
        // revisionEnds splits the file at every "%%EOF", strings included: "(%%EOF)" in the trailer's /ID cuts the
        // update in two and the first part has no startxref. Every reader here reads the file like the genuine one
        // (they look for the last startxref), so this is a refusal on the safe side, not a divergence.
        byte[] file = update(lt, dssEntries(lt), rootInfoId(lt, "(%%EOF)"));

        if (available("pdftotext") && available("mutool")) {
            assertThat(popplerText(file)).isEqualTo(popplerText(lt));
            assertThat(muPdfText(file)).isEqualTo(muPdfText(lt));
        }
        files.assertRejected(file, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void tableLayoutsThatEveryReaderReadsAlikeAreAccepted() throws Exception {
        // ISO 32000-1 §7.5.4 allows CR alone after "xref" and subsection lines, entries ending SP CR or SP LF, and
        // "trailer" followed by a space: MuPDF, poppler and qpdf read each without a warning, as Cachet does.
        byte[] genuine = update(lt, dssEntries(lt), rootInfoId(lt));
        Map<String, UnaryOperator<String>> layouts = Map.of(
                "CR only",
                tail -> tail.replace("xref\n", "xref\r").replace(" 1\n", " 1\r"),
                "SP CR",
                tail -> tail.replace(" n\r\n", " n \r"),
                "SP LF",
                tail -> tail.replace(" n\r\n", " n \n"),
                "trailer <<",
                tail -> tail.replace("trailer\n<<", "trailer <<"));
        for (Map.Entry<String, UnaryOperator<String>> layout : layouts.entrySet()) {
            String text = Forgery.text(genuine);
            int table = text.lastIndexOf("\nxref\n");
            byte[] variant = (text.substring(0, table) + layout.getValue().apply(text.substring(table)))
                    .getBytes(StandardCharsets.ISO_8859_1);

            if (available("pdftotext") && available("mutool") && available("qpdf")) {
                assertThat(popplerText(variant)).as(layout.getKey()).isEqualTo(popplerText(lt));
                assertThat(muPdfText(variant)).as(layout.getKey()).isEqualTo(muPdfText(lt));
                assertThat(run("qpdf", "--check", write("layout.pdf", variant)))
                        .as(layout.getKey())
                        .contains("No syntax or stream encoding errors");
            }
            assertValid(variant);
        }
    }

    @Test
    void crossReferenceStreamLayoutsAreAcceptedAndReadAlike() throws Exception {
        // Wider or missing fields (/W [1 8 0], [0 4 0]), Flate with a PNG Up predictor, /Filter as an array: every
        // reader here reads the same document, and Cachet accepts them.
        List<XrefStream> layouts = List.of(
                new XrefStream(new int[] {1, 8, 0}, false, false),
                new XrefStream(new int[] {0, 4, 0}, false, false),
                new XrefStream(new int[] {1, 4, 2}, true, true),
                new XrefStream(new int[] {1, 3, 1}, true, false));
        for (XrefStream layout : layouts) {
            byte[] variant = xrefStreamUpdate(lt, dssEntries(lt), layout);

            if (available("pdftotext") && available("mutool") && available("qpdf")) {
                assertThat(popplerText(variant)).as(layout.toString()).isEqualTo(popplerText(lt));
                assertThat(muPdfText(variant)).as(layout.toString()).isEqualTo(muPdfText(lt));
                assertThat(run("qpdf", "--check", write("stream.pdf", variant)))
                        .as(layout.toString())
                        .contains("No syntax or stream encoding errors");
            }
            assertValid(variant);
        }
    }

    @Test
    void aPredictorThatSomeReadersIgnoreIsRefused() throws Exception {
        // /Filter [/FlateDecode] with /DecodeParms a dictionary (not an array): the strict reader applies the
        // predictor; MuPDF ("invalid reference to an objstm that does not exist", then "trying to repair broken
        // xref") and poppler ("Couldn't find trailer dictionary") do not, nor does PDFBox, so the update's entries
        // read as garbage. Refused: PDFBox reads the catalog differently from the strict reader
        // (readAlikeByPdfBox). Worth knowing: this makes MuPDF repair, a trigger the trailer attacks lack for MuPDF.
        byte[] genuine = xrefStreamUpdate(lt, dssEntries(lt), new XrefStream(new int[] {1, 4, 2}, true, true));
        String text = Forgery.text(genuine);
        // The edit is inside the cross-reference stream's own dictionary: no offset moves.
        byte[] forged = text.replace("/Filter /FlateDecode /DecodeParms", "/Filter [/FlateDecode] /DecodeParms")
                .getBytes(StandardCharsets.ISO_8859_1);

        if (available("mutool") && available("pdftotext")) {
            assertThat(popplerText(forged)).isNotEqualTo(popplerText(lt));
            assertThat(run("mutool", "draw", "-F", "txt", "-o", "-", write("predictor.pdf", forged)))
                    .contains("trying to repair broken xref");
        }
        assertValid(genuine);
        // No other reader applies a /DecodeParms dictionary beside a /Filter array (or without any /Filter): the
        // strict reader refuses such a section itself (PDF_AMBIGUOUS_STRUCTURE) rather than leave PDFBox to notice
        // a missing root (PDF_MALFORMED).
        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aLongNameInTheTrailerIsReadAlike() throws Exception {
        // MuPDF truncates names at 127 bytes ("name is too long"); a 200-byte name in the trailer's /ID changes
        // nothing any reader shows, so accepting it is harmless (a longer name in a dictionary key would be
        // refused: /DSS, /VRI and stream dictionaries allow only known keys).
        byte[] file = update(lt, dssEntries(lt), rootInfoId(lt, "/" + "A".repeat(200)));

        if (available("pdftotext") && available("mutool")) {
            assertThat(popplerText(file)).isEqualTo(popplerText(lt));
            assertThat(muPdfText(file)).isEqualTo(muPdfText(lt));
        }
        assertValid(file);
    }

    // ---------------------------------------------------------------- helpers

    private static String hiddenPageContent() {
        return hiddenPageContent(content + " 0 obj");
    }

    private static String hiddenPageContent(String header) {
        return header + "\n" + RawUpdates.stream(FORGED_PAGE) + "\nendobj\n";
    }

    /** The trailer keys after /Size and /Prev that the extender writes. */
    private static String rootInfoId(byte[] pdf) {
        return " /Root 1 0 R /Info 2 0 R " + RawUpdates.lastId(pdf);
    }

    /** /Root and /Info, and an /ID whose first string is {@code first} (any value the strict reader takes). */
    private static String rootInfoId(byte[] pdf, String first) {
        return " /Root 1 0 R /Info 2 0 R /ID [" + first + " (x)]";
    }

    /** A new /DSS with the current one's arrays and the catalog pointing at it: genuine validation data. */
    private static List<RawEntry> dssEntries(byte[] pdf) {
        int dss = RawUpdates.lastSize(pdf);
        return List.of(
                RawEntry.object(1, 0, RawUpdates.catalogBody(pdf, dss)),
                RawEntry.object(dss, 0, RawUpdates.dssBody(pdf)));
    }

    /**
     * Appends an update of {@code entries} (objects written in the update) with a classic table and the trailer
     * {@code << /Size n /Prev p} + {@code keys} + {@code >>}.
     */
    private static byte[] update(byte[] pdf, List<RawEntry> entries, String keys) {
        StringBuilder body = new StringBuilder("\n");
        List<long[]> table = new ArrayList<>();
        int size = RawUpdates.lastSize(pdf);
        for (RawEntry entry : entries) {
            table.add(new long[] {entry.number(), entry.generation(), pdf.length + body.length()});
            body.append(entry.number()).append(' ').append(entry.generation()).append(" obj\n");
            body.append(entry.body()).append("\nendobj\n");
            size = Math.max(size, entry.number() + 1);
        }
        table.sort(Comparator.comparingLong(row -> row[0]));
        long xref = pdf.length + body.length();
        body.append("xref\n");
        for (long[] row : table) {
            body.append(row[0]).append(" 1\n").append(String.format("%010d %05d n\r\n", row[2], row[1]));
        }
        body.append("trailer\n<< /Size ")
                .append(size)
                .append(" /Prev ")
                .append(RawUpdates.lastStartxref(pdf))
                .append(keys)
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return Forgery.append(pdf, body.toString());
    }

    /** A cross-reference stream's layout: its field widths, Flate or not, a PNG Up predictor or not. */
    private record XrefStream(int[] widths, boolean flate, boolean predictor) {
        @Override
        public String toString() {
            return "/W " + java.util.Arrays.toString(widths) + (flate ? " Flate" : "") + (predictor ? " Up" : "");
        }
    }

    /** Appends an update of {@code entries} with a cross-reference stream laid out as {@code layout}. */
    private static byte[] xrefStreamUpdate(byte[] pdf, List<RawEntry> entries, XrefStream layout) {
        StringBuilder body = new StringBuilder("\n");
        List<long[]> table = new ArrayList<>();
        int size = RawUpdates.lastSize(pdf);
        for (RawEntry entry : entries) {
            table.add(new long[] {entry.number(), entry.generation(), pdf.length + body.length()});
            body.append(entry.number()).append(' ').append(entry.generation()).append(" obj\n");
            body.append(entry.body()).append("\nendobj\n");
            size = Math.max(size, entry.number() + 1);
        }
        int self = size;
        long xref = pdf.length + body.length();
        table.add(new long[] {self, 0, xref});
        table.sort(Comparator.comparingLong(row -> row[0]));
        int[] w = layout.widths();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        StringBuilder index = new StringBuilder();
        for (long[] row : table) {
            index.append(row[0]).append(" 1 ");
            if (layout.predictor()) {
                rows.write(2); // PNG Up; the first row has no row above, so it reads as None
            }
            writeField(rows, 1, w[0]);
            writeField(rows, row[2], w[1]);
            writeField(rows, row[1], w[2]);
        }
        byte[] data = rows.toByteArray();
        if (layout.predictor()) {
            data = upPredicted(data, w[0] + w[1] + w[2]);
        }
        String filter = "";
        if (layout.flate()) {
            data = RawUpdates.deflate(data);
            // With a predictor the filter is a name: PDFBox and MuPDF ignore a /DecodeParms dictionary beside a
            // /Filter array (see aPredictorThatSomeReadersIgnoreIsRefused).
            filter = layout.predictor()
                    ? " /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns " + (w[0] + w[1] + w[2]) + " >>"
                    : " /Filter [/FlateDecode]";
        }
        body.append(self)
                .append(" 0 obj\n<< /Type /XRef /Size ")
                .append(self + 1)
                .append(" /Index [")
                .append(index.toString().strip())
                .append("] /W [")
                .append(w[0])
                .append(' ')
                .append(w[1])
                .append(' ')
                .append(w[2])
                .append("]")
                .append(rootInfoId(pdf))
                .append(" /Prev ")
                .append(RawUpdates.lastStartxref(pdf))
                .append(filter)
                .append(" /Length ")
                .append(data.length)
                .append(" >>\nstream\n")
                .append(new String(data, StandardCharsets.ISO_8859_1))
                .append("\nendstream\nendobj\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return Forgery.append(pdf, body.toString());
    }

    private static void writeField(ByteArrayOutputStream out, long value, int width) {
        for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    /** Rows of {@code rowLength} bytes, each after its filter-type byte 2, rewritten as PNG Up differences. */
    private static byte[] upPredicted(byte[] rows, int rowLength) {
        int stride = rowLength + 1;
        byte[] out = rows.clone();
        for (int row = rows.length / stride - 1; row > 0; row--) {
            for (int i = 1; i < stride; i++) {
                out[row * stride + i] = (byte) (rows[row * stride + i] - rows[(row - 1) * stride + i]);
            }
        }
        return out;
    }

    /** What the structure check alone says of {@code pdf} (empty: it reads one way). */
    private static java.util.Optional<PdfStructure.Failure> structureProblem(byte[] pdf) {
        return PdfStructure.problem(pdf, PdfStructure.revisionEnds(pdf));
    }

    private static void assertValid(byte[] pdf) {
        VerificationReport report = files.verify(pdf);
        assertThat(report.verdict()).as("failed checks %s", failed(report)).isEqualTo(Verdict.VALID);
    }

    /** Not VALID, and refused as an ambiguous structure or as a modification after signing. */
    private static void assertRefused(byte[] forged) {
        VerificationReport report = files.verify(forged);
        assertThat(report.verdict()).as("verdict").isNotEqualTo(Verdict.VALID);
        assertThat(report.reasons())
                .as("failed checks %s", failed(report))
                .containsAnyOf(ReasonCode.PDF_AMBIGUOUS_STRUCTURE, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    private static List<String> failed(VerificationReport report) {
        return report.checks().stream()
                .filter(check -> check.outcome() == io.cachet.core.report.Check.Outcome.FAILED)
                .map(check -> check.name() + ": " + check.detail())
                .toList();
    }

    // ---------------------------------------------------------------- other readers

    private static boolean available(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String write(String name, byte[] pdf) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, pdf);
        return file.toString();
    }

    private static String muPdfText(byte[] pdf) throws Exception {
        return output("mutool", "draw", "-q", "-F", "txt", "-o", "-", write("mupdf.pdf", pdf));
    }

    private static String popplerText(byte[] pdf) throws Exception {
        return output("pdftotext", "-q", write("poppler.pdf", pdf), "-");
    }

    /** What {@code command} writes on its standard output (its warnings apart). */
    private static String output(String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }
}
