package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.pdf.RawUpdates.RawEntry;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updates after the signature that another PDF reader displays differently. Each
 * attack is written by hand on a genuine B-LT file; where a reader available here (MuPDF's {@code mutool}, qpdf,
 * poppler's {@code pdftotext}) is installed, the test first shows that the file really reads two ways, then that
 * Cachet refuses it. The rules themselves (exact cross-reference sections, the content of {@code /DSS}, the
 * repair-style scan) are checked with and without those readers.
 */
@ExtendWith(LongTermFilesExtension.class)
class AmbiguousStructureTest {
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

    // ---------------------------------------------------------------- a table readers repair, and what they find

    @Test
    void aPageHiddenInAVriStringBehindACommentedTableReadsTwoWaysAndIsRefused() throws Exception {
        // A comment in the update's table (qpdf and MuPDF call the file damaged and rebuild the table by scanning)
        // and, in a /VRI string nobody read, a later definition of the page content on a line of its own.
        byte[] forged = withCommentInLastTable(dssUpdate(lt, vriWithString("\n" + hiddenPageContent() + "\n")));

        if (available("qpdf") && available("pdftotext")) {
            assertThat(run("qpdf", "--check", write("commented.pdf", forged))).contains("damaged");
            assertThat(textOfRepairedByQpdf(forged)).isNotEqualTo(popplerText(lt));
            assertThat(popplerText(forged)).isEqualTo(popplerText(lt));
        }
        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aCommentInTheUpdatesTableMakesReadersRepairTheFileAndIsRefused() throws Exception {
        byte[] forged = withCommentInLastTable(dssUpdate(lt, ""));

        if (available("qpdf") && available("mutool")) {
            assertThat(run("qpdf", "--check", write("comment.pdf", forged))).contains("damaged");
            assertThat(run("mutool", "draw", "-F", "txt", "-o", "-", write("comment.pdf", forged)))
                    .contains("repair");
        }
        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
        // The same update without the comment is genuine validation data.
        assertThat(files.verify(dssUpdate(lt, "")).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void anUnlistedPageContentBehindADamagedTableIsWhatMuPdfShowsAndIsRefused() throws Exception {
        // The plainest form of the class: MuPDF repairs, takes the last "15 0 obj" and draws the forger's page;
        // poppler keeps the table it could read and draws the genuine one.
        byte[] forged = withCommentInLastTable(RawUpdates.rawUpdate(
                lt,
                List.of(
                        RawEntry.object(1, 0, RawUpdates.catalogBody(lt, dss(lt))),
                        RawEntry.unlisted(content, 0, RawUpdates.stream(FORGED_PAGE)))));

        if (available("mutool") && available("pdftotext")) {
            assertThat(muPdfText(forged)).isNotEqualTo(muPdfText(lt));
            assertThat(popplerText(forged)).isEqualTo(popplerText(lt));
        }
        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void anObjectHiddenInAVriStringIsFoundByTheScanEvenBehindAnExactTable() {
        byte[] forged = dssUpdate(lt, vriWithString(hiddenPageContent()));

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void anObjectHiddenInAnOcspStreamIsFoundByTheScan() {
        int ocsp = RawUpdates.lastSize(lt) + 1;
        List<RawEntry> entries = new ArrayList<>(dssEntries(lt, " /OCSPs [" + ocsp + " 0 R]"));
        entries.add(RawEntry.object(ocsp, 0, RawUpdates.stream("\n" + hiddenPageContent() + "\n")));
        byte[] forged = RawUpdates.rawUpdate(lt, entries);

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aHiddenTrailerOrSectionKeywordIsFoundByTheScan() {
        for (String hidden : List.of("trailer << /Root 3 0 R >>", "xref 0 1", "startxref 0", "%PDF-1.7")) {
            byte[] forged = dssUpdate(lt, vriWithString(hidden));

            files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
        }
    }

    @Test
    void aHeaderWrittenAcrossACommentOrWithoutSpaceIsStillFound() {
        for (String hidden : List.of(content + " % note\n0 obj", content + "\n0obj", "x" + content + " 0 obj")) {
            byte[] forged = dssUpdate(lt, vriWithString(hidden));

            files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
        }
    }

    // ---------------------------------------------------------------- the byte layout of an update

    @Test
    void aPdfHeaderLineBetweenRevisionsIsRefused() {
        byte[] genuine = dssUpdate(lt, "");
        byte[] forged = insertAfter(genuine, lt.length, "%PDF-1.7\n");

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aBlankLineInTheTableOrBetweenRevisionsIsRefused() {
        byte[] genuine = dssUpdate(lt, "");
        int xref = lastTable(genuine) + "xref\n".length();

        files.assertRejected(insertAfter(genuine, xref, "\n"), ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
        files.assertRejected(insertAfter(genuine, lt.length, "\n\n"), ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aCommentBetweenTheUpdatesObjectsIsRefused() {
        byte[] genuine = dssUpdate(lt, "");
        int object = Forgery.text(genuine).indexOf(" 0 obj", lt.length);
        int lineStart = Forgery.text(genuine).lastIndexOf('\n', object) + 1;

        files.assertRejected(insertAfter(genuine, lineStart, "% a note\n"), ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aTableEntryOfNineteenOrTwentyOneBytesIsRefused() {
        byte[] genuine = dssUpdate(lt, "");
        String text = Forgery.text(genuine);
        int entry = text.indexOf(" 00000 n\r\n", lastTable(genuine));

        byte[] shorter = Forgery.text(genuine)
                .substring(0, entry)
                .concat(" 00000 n\n")
                .concat(text.substring(entry + " 00000 n\r\n".length()))
                .getBytes(StandardCharsets.ISO_8859_1);
        files.assertRejected(shorter, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    // ---------------------------------------------------------------- the content of /DSS

    @Test
    void aVriEntryPointingAtThePagesObjectsIsRefused() throws Exception {
        String key = vriKey(lt);
        byte[] forged = dssUpdate(lt, " /VRI << /" + key + " << /Cert [" + content + " 0 R] >> >>");

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aGenuineVriEntryIsAccepted() throws Exception {
        // What DSS and Acrobat write: the signature's SHA-1 as key, the certificates of the store and a /TU date.
        Matcher certs = Pattern.compile("/Certs \\[(\\d+ 0 R)").matcher(RawUpdates.dssBody(lt));
        assertThat(certs.find()).isTrue();
        byte[] genuine = dssUpdate(
                lt,
                " /VRI << /" + vriKey(lt) + " << /Type /VRI /Cert [" + certs.group(1)
                        + "] /TU (D:20261121101530Z) >> >>");

        VerificationReport report = files.verify(genuine);
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aVriKeyThatIsNoSignaturesHashIsRefused() {
        byte[] forged = dssUpdate(lt, " /VRI << /" + "AB".repeat(20) + " << >> >>");

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void anOcspEntryThatIsNotAnOcspResponseIsRefused() {
        int ocsp = RawUpdates.lastSize(lt) + 1;
        List<RawEntry> entries = new ArrayList<>(dssEntries(lt, " /OCSPs [" + ocsp + " 0 R]"));
        entries.add(RawEntry.object(ocsp, 0, RawUpdates.stream("not DER at all")));

        files.assertRejected(RawUpdates.rawUpdate(lt, entries), ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aCertificateListedAsACrlIsRefused() {
        String body = RawUpdates.dssBody(lt);
        Matcher certs = Pattern.compile("/Certs \\[(\\d+ 0 R)").matcher(body);
        assertThat(certs.find()).isTrue();
        String swapped = body.replaceFirst("/CRLs \\[", "/CRLs [" + certs.group(1) + " ");

        byte[] forged = RawUpdates.rawUpdate(
                lt,
                List.of(
                        RawEntry.object(1, 0, RawUpdates.catalogBody(lt, dss(lt))),
                        RawEntry.object(dss(lt), 0, swapped)));
        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aNumberOrNameWhereTheStoreHoldsStreamsIsRefused() {
        for (String extra : List.of(" /OCSPs [1 2 3]", " /OCSPs [/Name]", " /VRI 42")) {
            files.assertRejected(dssUpdate(lt, extra), ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
        }
    }

    // ---------------------------------------------------------------- genuine files

    @Test
    void cachetsOwnExtendedFilesPassTheScan() {
        for (byte[] genuine : List.of(files.issued(), lt, lta)) {
            assertThat(PdfStructure.problem(genuine, PdfStructure.revisionEnds(genuine)))
                    .isEmpty();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String hiddenPageContent() {
        return content + " 0 obj\n" + RawUpdates.stream(FORGED_PAGE) + "\nendobj";
    }

    /** A /VRI entry keyed by the signature's genuine hash, its /TU a string holding {@code text}. */
    private static String vriWithString(String text) {
        String escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
        return " /VRI << /" + vriKey(lt) + " << /TU (" + escaped + ") >> >>";
    }

    /** The upper-case hex SHA-1 of the signature's /Contents as written ({@code pdf} has no document timestamp). */
    private static String vriKey(byte[] pdf) {
        long[] range = Forgery.byteRange(pdf);
        String hex = Forgery.text(pdf).substring((int) range[1] + 1, (int) range[2] - 1);
        try {
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1")
                            .digest(HexFormat.of().parseHex(hex)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int dss(byte[] pdf) {
        return RawUpdates.dssObject(pdf);
    }

    /** A new /DSS (the current one's arrays plus {@code extra}) and the catalog pointing at it. */
    private static List<RawEntry> dssEntries(byte[] pdf, String extra) {
        int dss = RawUpdates.lastSize(pdf);
        String body = RawUpdates.dssBody(pdf);
        int close = body.lastIndexOf(">>");
        return List.of(
                RawEntry.object(1, 0, RawUpdates.catalogBody(pdf, dss)),
                RawEntry.object(dss, 0, body.substring(0, close) + extra + " >>"));
    }

    private static byte[] dssUpdate(byte[] pdf, String extra) {
        return RawUpdates.rawUpdate(pdf, dssEntries(pdf, extra));
    }

    /** A comment line right after the last update's {@code xref}: nothing referenced moves. */
    private static byte[] withCommentInLastTable(byte[] pdf) {
        return insertAfter(pdf, lastTable(pdf) + "xref\n".length(), "% written by hand\n");
    }

    /** Where the last update's classic table starts. */
    private static int lastTable(byte[] pdf) {
        return Forgery.text(pdf).lastIndexOf("\nxref\n") + 1;
    }

    /**
     * Inserts {@code text} at {@code at} in the last update, fixing its table's offsets and its startxref where they
     * point after it: only the inserted bytes differ from a well-formed update.
     */
    private static byte[] insertAfter(byte[] pdf, int at, String text) {
        String whole = Forgery.text(pdf);
        int table = lastTable(pdf);
        Matcher entry = Pattern.compile("(\\d{10})( \\d{5} n\r\n)").matcher(whole);
        StringBuilder fixed = new StringBuilder();
        int last = 0;
        while (entry.find()) {
            if (entry.start() < table) {
                continue;
            }
            long offset = Long.parseLong(entry.group(1));
            fixed.append(whole, last, entry.start())
                    .append(String.format("%010d", offset >= at ? offset + text.length() : offset))
                    .append(entry.group(2));
            last = entry.end();
        }
        fixed.append(whole.substring(last));
        whole = fixed.toString();
        String result = whole.substring(0, at) + text + whole.substring(at);
        long startxref = RawUpdates.lastStartxref(pdf);
        if (startxref >= at) {
            String tail = "startxref\n" + startxref + "\n%%EOF\n";
            String moved = "startxref\n" + (startxref + text.length()) + "\n%%EOF\n";
            assertThat(result).endsWith(tail);
            result = result.substring(0, result.length() - tail.length()) + moved;
        }
        return result.getBytes(StandardCharsets.ISO_8859_1);
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
        return run("mutool", "draw", "-q", "-F", "txt", "-o", "-", write("mupdf.pdf", pdf));
    }

    private static String popplerText(byte[] pdf) throws Exception {
        return run("pdftotext", "-q", write("poppler.pdf", pdf), "-");
    }

    /** What qpdf makes of the file when it rewrites it (after its own repair), read back by poppler. */
    private static String textOfRepairedByQpdf(byte[] pdf) throws Exception {
        Path out = folder.resolve("qpdf-out.pdf");
        Files.deleteIfExists(out);
        run("qpdf", write("qpdf-in.pdf", pdf), out.toString());
        return Files.exists(out) ? run("pdftotext", "-q", out.toString(), "-") : "";
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }
}
