package io.cachet.core.pdf;

import static io.cachet.core.pdf.LongTermAttacksTest.assertRejected;
import static io.cachet.core.pdf.LongTermAttacksTest.lastId;
import static io.cachet.core.pdf.LongTermAttacksTest.lastSize;
import static io.cachet.core.pdf.LongTermAttacksTest.lastStartxref;
import static io.cachet.core.pdf.LongTermAttacksTest.pageContent;
import static io.cachet.core.pdf.LongTermAttacksTest.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cachet.core.pdf.LongTermAttacksTest.RawEntry;
import io.cachet.core.report.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Second security review (main at 805b73c): attacks on {@link RevisionXref}, the strict reader of each update's
 * cross-reference section, and on its interplay with PDFBox's lenient reader and {@link RevisionChanges}. Reuses the
 * issued and extended files of {@link LongTermAttacksTest}. At 805b73c five forgeries verified as VALID (decoy
 * {@code /Prev} or {@code /Index} in strings or repeated keys, a hybrid section hidden behind a {@code startxref}
 * in a string, a page redefined with repeated {@code /Contents} keys) and one hung: the reader used regular
 * expressions on dictionary text. It now tiles each update with a real tokenizer ({@link PdfSyntax}).
 */
class LongTermAttacksRound2Test {
    /** Covers the whole page in black: what a forger puts in place of the certificate's content. */
    private static final String BLACK_PAGE = "0 0 0 rg 0 0 596 842 re f";

    @TempDir
    static Path folder;

    static byte[] lt;
    static byte[] lta;

    @BeforeAll
    static void issueAndExtend() throws Exception {
        LongTermAttacksTest.folder = folder;
        LongTermAttacksTest.issueAndExtend();
        lt = LongTermAttacksTest.lt;
        lta = LongTermAttacksTest.lta;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * An object whose header {@code N\0\nG obj} the strict reader's pattern misses ({@code \s} has no NUL) while NUL
     * is PDF white-space (ISO 32000-1 §7.2.2): PDFBox and poppler's parser read it as {@code N G obj}, and poppler's
     * reconstruction (which takes a NUL for the end of a line and goes on with the next) records it as object N.
     */
    static String nulHeaderObject(int number, String body) {
        return "\n" + number + "\u0000\n" + "0 obj\n" + body + "\nendobj\n";
    }

    @Test
    void aPageRedefinedWithDuplicateContentsKeysIsAModification() {
        // The page is redefined "unchanged": /Contents appears 32 times, the forger's stream first, the signed one
        // last. PDFBox keeps the last value of a duplicate key, so RevisionChanges sees the signed page; poppler sorts
        // a dictionary of 32 entries or more (std::sort, not stable) and binary-searches it, finding one of the
        // forger's
        // values. RevisionChanges accepts a redefinition that PDFBox reads as equal. ACCEPTED (VALID) at 805b73c;
        // pdftoppm renders an all-black page.
        int page = pageObject(lt);
        int content = pageContent(lt);
        int forgedContent = lastSize(lt);
        String signedPage = pageDefinition(lt, page);
        String duplicates = ("/Contents " + forgedContent + " 0 R\n").repeat(31);
        String forgedPage =
                signedPage.replace("/Contents " + content + " 0 R", duplicates + "/Contents " + content + " 0 R");
        byte[] forged = LongTermAttacksTest.rawUpdate(
                lt,
                List.of(RawEntry.object(forgedContent, 0, stream(BLACK_PAGE)), RawEntry.object(page, 0, forgedPage)));

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aPageRedefinedWithADuplicateContentsKeyIsAModification() {
        // The same with one duplicate, the forger's first: readers that keep the first value would show the forger's
        // page. ACCEPTED (VALID) at 805b73c, but poppler (last value wins below 32 entries) shows the signed page: no
        // viewer shown to differ here; a duplicate key is an error (ISO 32000-2 §7.3.7) and should be refused.
        int page = pageObject(lt);
        int content = pageContent(lt);
        int forgedContent = lastSize(lt);
        String signedPage = pageDefinition(lt, page);
        String forgedPage = signedPage.replace(
                "/Contents " + content + " 0 R", "/Contents " + forgedContent + " 0 R\n/Contents " + content + " 0 R");
        byte[] forged = LongTermAttacksTest.rawUpdate(
                lt,
                List.of(RawEntry.object(forgedContent, 0, stream(BLACK_PAGE)), RawEntry.object(page, 0, forgedPage)));

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void manyCopiesOfAListedObjectAreRefusedQuickly() {
        // Every unlisted header that looks like a copy costs two String copies of the rest of the update
        // (RevisionXref.definition): quadratic in the update's size. 4 MB of "N 0 obj null endobj" copies do not
        // finish in 20 s at 805b73c (a 10 MB file, the size limit, would take many minutes of one core).
        int number = lastSize(lt);
        String one = number + " 0 obj\nnull\nendobj\n";
        StringBuilder body = new StringBuilder("\n");
        long at = lt.length + body.length();
        body.append(one.repeat(4 * 1024 * 1024 / one.length()));
        long xref = lt.length + body.length();
        body.append("xref\n0 1\n0000000000 65535 f\r\n")
                .append(number)
                .append(" 1\n")
                .append(String.format("%010d 00000 n\r\n", at))
                .append("trailer\n<< /Size ")
                .append(number + 1)
                .append(" /Root 1 0 R /Info 2 0 R /Prev ")
                .append(lastStartxref(lt))
                .append(' ')
                .append(lastId(lt))
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        byte[] forged = Forgery.append(lt, body.toString());

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> LongTermAttacksTest.verify(forged));
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

    @Test
    void aSecondPrevHiddenInAStringLeadsReadersToAnUncheckedSectionThatFreesThePageContent() {
        // The update's own table is clean; its trailer reads /Note (/Prev <previous>) /Prev <hidden>. The strict
        // reader's pattern finds the /Prev in the string; PDFBox and poppler follow the real /Prev to a second,
        // never-checked table in the update's body that frees the page content, and whose /Prev is the previous
        // revision's. PDFBox ignores the free entry (the signed content is unchanged for RevisionChanges); poppler
        // honours it ("xref num 15 not found but needed, try to reconstruct"), rebuilds its cross-reference and takes
        // the last "15 0 obj" in the file: an object whose header "15\0\n0 obj" the strict reader's pattern misses.
        // ACCEPTED (VALID) at 805b73c; pdftoppm renders an all-black page, pdfsig still says "Signature is Valid".
        byte[] forged = hiddenSectionBehindPrev(previous -> "/Note (/Prev " + previous + ")");

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aDuplicatePrevKeyLeadsReadersToAnUncheckedSection() {
        // The same with /Prev <previous> /Prev <hidden>: the strict reader takes the first, PDFBox and poppler (for a
        // dictionary of fewer than 32 entries) the last. ACCEPTED at 805b73c; pdftoppm renders an all-black page.
        byte[] forged = hiddenSectionBehindPrev(previous -> "/Prev " + previous);

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    /** An update whose trailer has {@code decoy} then a real /Prev to a hidden table freeing the page content. */
    private static byte[] hiddenSectionBehindPrev(LongFunction<String> decoy) {
        int content = pageContent(lt);
        int size = lastSize(lt);
        long previous = lastStartxref(lt);
        StringBuilder body = new StringBuilder();
        body.append(nulHeaderObject(content, stream(BLACK_PAGE)));
        long hidden = lt.length + body.length();
        body.append("xref\n").append(content).append(" 1\n0000000000 00001 f\r\n");
        body.append("trailer\n<< /Size ")
                .append(size)
                .append(" /Root 1 0 R /Info 2 0 R /Prev ")
                .append(previous)
                .append(" >>\n");
        long xref = lt.length + body.length();
        body.append("xref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size ")
                .append(size)
                .append(" /Root 1 0 R /Info 2 0 R ")
                .append(decoy.apply(previous))
                .append(" /Prev ")
                .append(hidden)
                .append(' ')
                .append(lastId(lt))
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return Forgery.append(lt, body.toString());
    }

    @Test
    void anIndexHiddenInAStringHidesAFreeEntryOfAnXrefStream() {
        // /Note (/Index [self 1]) /Index [self 1 C 1]: the strict reader reads one row (the stream itself) and does
        // not mind the extra row; every other reader reads two, the second freeing the page content. PDFBox ignores
        // the free entry. ACCEPTED (VALID) at 805b73c; pdftoppm renders the certificate as an empty white page (poppler
        // does not reconstruct for a free entry of a cross-reference stream).
        int content = pageContent(lt);
        int self = lastSize(lt);
        StringBuilder body = new StringBuilder();
        body.append(nulHeaderObject(content, stream(BLACK_PAGE)));
        body.append('\n');
        long xref = lt.length + body.length();
        String rows = xrefStreamRows(new long[][] {{1, xref, 0}, {0, 0, 1}});
        body.append(self)
                .append(" 0 obj\n<< /Type /XRef /Size ")
                .append(self + 1)
                .append(" /Note (/Index [")
                .append(self)
                .append(" 1]) /Index [")
                .append(self)
                .append(" 1 ")
                .append(content)
                .append(" 1] /W [1 4 2] /Root 1 0 R /Info 2 0 R /Prev ")
                .append(lastStartxref(lt))
                .append(' ')
                .append(lastId(lt))
                .append(" /Length ")
                .append(rows.length())
                .append(" >>\nstream\n")
                .append(rows)
                .append("\nendstream\nendobj\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        byte[] forged = Forgery.append(lt, body.toString());

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aStartxrefInAStringOfTheTrailerHidesAHybridXrefStm() {
        // The strict reader ends the trailer at the first "startxref", here inside a string, so it never sees the
        // /XRefStm after it; PDFBox and poppler read the hybrid stream, which frees the page content.
        int content = pageContent(lt);
        int self = lastSize(lt);
        StringBuilder body = new StringBuilder();
        body.append(nulHeaderObject(content, stream(BLACK_PAGE)));
        body.append('\n');
        long stm = lt.length + body.length();
        String rows = xrefStreamRows(new long[][] {{0, 0, 1}});
        body.append(self)
                .append(" 0 obj\n<< /Type /XRef /Size ")
                .append(self + 1)
                .append(" /Index [")
                .append(content)
                .append(" 1] /W [1 4 2] /Length ")
                .append(rows.length())
                .append(" >>\nstream\n")
                .append(rows)
                .append("\nendstream\nendobj\n");
        long xref = lt.length + body.length();
        body.append("xref\n0 1\n0000000000 65535 f\r\n")
                .append(self)
                .append(" 1\n")
                .append(String.format("%010d 00000 n\r\n", stm))
                .append("trailer\n<< /Size ")
                .append(self + 1)
                .append(" /Root 1 0 R /Info 2 0 R /Prev ")
                .append(lastStartxref(lt))
                .append(' ')
                .append(lastId(lt))
                .append(" /Note (startxref) /XRefStm ")
                .append(stm)
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        byte[] forged = Forgery.append(lt, body.toString());

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }
}
