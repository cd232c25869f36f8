package io.cachet.core.pdf;

import static io.cachet.core.pdf.RawUpdates.BLACK_PAGE;
import static io.cachet.core.pdf.RawUpdates.lastSize;
import static io.cachet.core.pdf.RawUpdates.pageContent;
import static io.cachet.core.pdf.RawUpdates.pageDefinition;
import static io.cachet.core.pdf.RawUpdates.pageObject;
import static io.cachet.core.pdf.RawUpdates.rawUpdate;
import static io.cachet.core.pdf.RawUpdates.stream;

import io.cachet.core.pdf.RawUpdates.RawEntry;
import io.cachet.core.report.ReasonCode;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A page redefined after the signature "unchanged" for PDFBox, on which {@link RevisionChanges} relies, but changed
 * for stricter readers: repeated dictionary keys (PDFBox keeps the last, poppler sorts and searches larger
 * dictionaries) and literal strings that PDFBox ends early (BaseParser.checkForEndOfString before a line break and
 * {@code /} or {@code >}). Each update must be read alike by {@link PdfSyntax} and PDFBox
 * ({@link RevisionXref#readAlikeByPdfBox}), so each forgery is a modification after signing.
 */
@ExtendWith(LongTermFilesExtension.class)
class ParserDivergenceAttacksTest {
    private static LongTermFiles files;
    private static byte[] lt;

    @BeforeAll
    static void shareFiles(LongTermFiles shared) {
        files = shared;
        lt = shared.lt();
    }

    @Test
    void aPageRedefinedWithDuplicateContentsKeysIsAModification() {
        // The page is redefined "unchanged": /Contents appears 32 times, the forger's stream first, the signed one
        // last. PDFBox keeps the last value of a duplicate key, so RevisionChanges sees the signed page; poppler sorts
        // a dictionary of 32 entries or more (std::sort, not stable) and binary-searches it, finding one of the
        // forger's
        // values. RevisionChanges accepts a redefinition that PDFBox reads as equal: pdftoppm
        // renders an all-black page.
        int page = pageObject(lt);
        int content = pageContent(lt);
        int forgedContent = lastSize(lt);
        String signedPage = pageDefinition(lt, page);
        String duplicates = ("/Contents " + forgedContent + " 0 R\n").repeat(31);
        String forgedPage =
                signedPage.replace("/Contents " + content + " 0 R", duplicates + "/Contents " + content + " 0 R");
        byte[] forged = rawUpdate(
                lt,
                List.of(RawEntry.object(forgedContent, 0, stream(BLACK_PAGE)), RawEntry.object(page, 0, forgedPage)));

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aPageRedefinedWithADuplicateContentsKeyIsAModification() {
        // The same with one duplicate, the forger's first: readers that keep the first value would show the forger's
        // page. Poppler (last value wins below 32 entries) shows the signed page: no
        // viewer shown to differ here; a duplicate key is an error (ISO 32000-2 §7.3.7) and should be refused.
        int page = pageObject(lt);
        int content = pageContent(lt);
        int forgedContent = lastSize(lt);
        String signedPage = pageDefinition(lt, page);
        String forgedPage = signedPage.replace(
                "/Contents " + content + " 0 R", "/Contents " + forgedContent + " 0 R\n/Contents " + content + " 0 R");
        byte[] forged = rawUpdate(
                lt,
                List.of(RawEntry.object(forgedContent, 0, stream(BLACK_PAGE)), RawEntry.object(page, 0, forgedPage)));

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    /**
     * The signed page redefined with its /Contents pointing at the forger's stream and, last, /Tabs holding a string
     * whose text is {@code hidden}, written as {@code tabs}: strict readers (PdfSyntax, poppler) take the whole string
     * as /Tabs' value; PDFBox ends it early and reads {@code /Tabs /S /Contents <signed> 0 R} as keys.
     */
    private static byte[] pageWithStringTrick(byte[] pdf, String stringTemplate) {
        int page = pageObject(pdf);
        int content = pageContent(pdf);
        int forgedContent = lastSize(pdf);
        String signedPage = pageDefinition(pdf, page);
        String hidden = "/Tabs /S /Contents " + content + " 0 R";
        String forgedPage = signedPage
                .replace("/Contents " + content + " 0 R", "/Contents " + forgedContent + " 0 R")
                .replace("/Tabs /S", "")
                .replaceAll(">>$", Matcher.quoteReplacement("/Tabs " + stringTemplate.formatted(hidden) + "\n>>"));
        return rawUpdate(
                pdf,
                List.of(RawEntry.object(forgedContent, 0, stream(BLACK_PAGE)), RawEntry.object(page, 0, forgedPage)));
    }

    @Test
    void anEscapedParenthesisBeforeANewLineAndASlashIsAModification() {
        // (x\)<LF>/Tabs /S /Contents 15 0 R): "\)" is an escaped parenthesis (ISO 32000-1 §7.3.4.2) and the string
        // runs on to the last ")"; PDFBox (BaseParser.checkForEndOfString) takes "\)" followed by LF and "/" for a
        // cut-off string's end, and reads the rest as keys: the signed /Tabs and /Contents, overriding the forger's.
        // pdftoppm renders an all-black page, pdftotext finds no text.
        byte[] forged = pageWithStringTrick(lt, "(x\\)\n%s)");

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void anUnbalancedParenthesisBeforeANewLineAndASlashIsAModification() {
        // (x()<CR><LF>/Tabs /S /Contents 15 0 R): balanced for PdfSyntax and poppler; PDFBox closes the string at the
        // first ")" because CR LF "/" follows while a parenthesis is still open: an
        // all-black page in pdftoppm.
        byte[] forged = pageWithStringTrick(lt, "(x()\r\n%s)");

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }
}
