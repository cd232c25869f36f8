package io.cachet.core.pdf;

import static io.cachet.core.pdf.LongTermAttacksTest.assertRejected;
import static io.cachet.core.pdf.LongTermAttacksTest.lastSize;
import static io.cachet.core.pdf.LongTermAttacksTest.pageContent;
import static io.cachet.core.pdf.LongTermAttacksTest.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cachet.core.pdf.LongTermAttacksTest.RawEntry;
import io.cachet.core.report.ReasonCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third security review (main at 2acae02): tokens that {@link PdfSyntax} (and poppler) read one way and PDFBox, on
 * which {@link RevisionChanges} relies, another. Reuses the issued and extended files of {@link LongTermAttacksTest}.
 * At 2acae02 both string forgeries verify as VALID while pdftoppm renders an all-black page and pdftotext finds no
 * text (PDFBox's BaseParser.checkForEndOfString ends a literal string early when ")" or "\)" is followed by an
 * end of line and "/" or ">"), and one update of 10 MB keeps RevisionXref.check busy for more than 20 s (a linear
 * search of the definitions for each cross-reference entry). Closed by refusing a non-closing ")" before a line
 * break in strings, by checking that PDFBox reads every object of an update as {@link PdfSyntax} does
 * ({@link RevisionXref#readAlikeByPdfBox}), and by a lookup by offset with at most one copy per listed object.
 */
class LongTermAttacksRound3Test {
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

    /**
     * The signed page redefined with its /Contents pointing at the forger's stream and, last, /Tabs holding a string
     * whose text is {@code hidden}, written as {@code tabs}: strict readers (PdfSyntax, poppler) take the whole string
     * as /Tabs' value; PDFBox ends it early and reads {@code /Tabs /S /Contents <signed> 0 R} as keys.
     */
    private static byte[] pageWithStringTrick(byte[] pdf, String stringTemplate) {
        int page = LongTermAttacksRound2Test.pageObject(pdf);
        int content = pageContent(pdf);
        int forgedContent = lastSize(pdf);
        String signedPage = LongTermAttacksRound2Test.pageDefinition(pdf, page);
        String hidden = "/Tabs /S /Contents " + content + " 0 R";
        String forgedPage = signedPage
                .replace("/Contents " + content + " 0 R", "/Contents " + forgedContent + " 0 R")
                .replace("/Tabs /S", "")
                .replaceAll(">>$", Matcher.quoteReplacement("/Tabs " + stringTemplate.formatted(hidden) + "\n>>"));
        return LongTermAttacksTest.rawUpdate(
                pdf,
                List.of(RawEntry.object(forgedContent, 0, stream(BLACK_PAGE)), RawEntry.object(page, 0, forgedPage)));
    }

    @Test
    void anEscapedParenthesisBeforeANewLineAndASlashIsAModification() {
        // (x\)<LF>/Tabs /S /Contents 15 0 R): "\)" is an escaped parenthesis (ISO 32000-1 §7.3.4.2) and the string
        // runs on to the last ")"; PDFBox (BaseParser.checkForEndOfString) takes "\)" followed by LF and "/" for a
        // cut-off string's end, and reads the rest as keys: the signed /Tabs and /Contents, overriding the forger's.
        // ACCEPTED (VALID) at 2acae02; pdftoppm renders an all-black page, pdftotext finds no text.
        byte[] forged = pageWithStringTrick(lt, "(x\\)\n%s)");

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void anUnbalancedParenthesisBeforeANewLineAndASlashIsAModification() {
        // (x()<CR><LF>/Tabs /S /Contents 15 0 R): balanced for PdfSyntax and poppler; PDFBox closes the string at the
        // first ")" because CR LF "/" follows while a parenthesis is still open. ACCEPTED (VALID) at 2acae02; all-black
        // page in pdftoppm.
        byte[] forged = pageWithStringTrick(lt, "(x()\r\n%s)");

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void manyListedObjectsBehindManyCopiesAreRefusedQuickly() {
        // RevisionXref.check looks up each entry's definition with a linear scan of all definitions
        // (definitions().stream().filter(start == offset).findFirst()): entries x definitions. 9,000 listed objects
        // (under PdfSignatureVerifier.MAX_OBJECTS) written after ~550,000 byte-identical copies of one of them (which
        // RevisionXref accepts, since PDFBox writes such copies) make some 5e9 comparisons in one update. Still running
        // after 20 s at 2acae02 (stack: RevisionXref.check).
        int first = lastSize(lt);
        int listed = 9_000;
        String copy = first + " 0 obj()endobj\n";
        StringBuilder body = new StringBuilder("\n");
        int copies = (PdfSignatureVerifier.MAX_PDF_BYTES - lt.length - listed * 60) / copy.length();
        body.append(copy.repeat(copies));
        long[] offsets = new long[listed];
        for (int i = 0; i < listed; i++) {
            offsets[i] = lt.length + body.length();
            body.append(first + i).append(" 0 obj()endobj\n");
        }
        long xref = lt.length + body.length();
        body.append("xref\n0 1\n0000000000 65535 f\r\n")
                .append(first)
                .append(' ')
                .append(listed)
                .append('\n');
        for (long offset : offsets) {
            body.append(String.format("%010d 00000 n\r\n", offset));
        }
        body.append("trailer\n<< /Size ")
                .append(first + listed)
                .append(" /Root 1 0 R /Info 2 0 R /Prev ")
                .append(LongTermAttacksTest.lastStartxref(lt))
                .append(' ')
                .append(LongTermAttacksTest.lastId(lt))
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        byte[] forged = Forgery.append(lt, body.toString());
        assertThat(forged.length).isLessThanOrEqualTo(PdfSignatureVerifier.MAX_PDF_BYTES);

        long started = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> LongTermAttacksTest.verify(forged));
        System.out.println("copies+listed verified in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
}
