package io.cachet.core.pdf;

import static io.cachet.core.pdf.RawUpdates.BLACK_PAGE;
import static io.cachet.core.pdf.RawUpdates.lastId;
import static io.cachet.core.pdf.RawUpdates.lastSize;
import static io.cachet.core.pdf.RawUpdates.lastStartxref;
import static io.cachet.core.pdf.RawUpdates.nulHeaderObject;
import static io.cachet.core.pdf.RawUpdates.pageContent;
import static io.cachet.core.pdf.RawUpdates.rawUpdate;
import static io.cachet.core.pdf.RawUpdates.rawXrefStreamUpdate;
import static io.cachet.core.pdf.RawUpdates.stream;
import static io.cachet.core.pdf.RawUpdates.xrefStreamRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.pdf.RawUpdates.RawEntry;
import io.cachet.core.report.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Updates after the signature whose cross-reference sections say one thing to PDFBox and another to other readers:
 * free entries, other generations, entries pointing at the wrong bytes, objects outside the section, hybrid files,
 * and sections hidden behind decoy keys in strings or repeated keys. {@link RevisionXref} reads each update's
 * section strictly and {@link PdfStructure} compares it with a repairing reader's scan, so each forgery is refused
 * ({@code PDF_AMBIGUOUS_STRUCTURE} or {@code PDF_MODIFIED_AFTER_SIGNING}); none may verify as VALID. Comments name
 * what a viewer (poppler, MuPDF) shows of the forged file.
 */
@ExtendWith(LongTermFilesExtension.class)
class CrossReferenceAttacksTest {
    private static LongTermFiles files;
    private static byte[] issued;
    private static byte[] lt;
    private static byte[] lta;

    @BeforeAll
    static void shareFiles(LongTermFiles shared) {
        files = shared;
        issued = shared.issued();
        lt = shared.lt();
        lta = shared.lta();
    }

    @Test
    void freeingThePageContentInALaterRevisionIsAModification() {
        // A later xref section marks the page's content stream free. PDFBox ignores free entries: VALID on 3a5a09f.
        int content = pageContent(lt);
        byte[] forged = rawUpdate(lt, List.of(RawEntry.free(content, 1)));

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void freeingThePageContentAfterTheLastDocumentTimestampIsAModification() {
        int content = pageContent(lta);
        byte[] forged = rawUpdate(lta, List.of(RawEntry.free(content, 1)));

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void redefiningThePageContentWithAnotherGenerationIsAModification() {
        // "N 1 obj" replaces "N 0 obj": PDFBox keeps "N 0" apart and unchanged; poppler renders an empty page,
        // readers that ignore generation numbers (pdfium, MuPDF) would render the forger's content.
        int content = pageContent(lt);
        byte[] forged = rawUpdate(lt, List.of(RawEntry.object(content, 1, stream(BLACK_PAGE))));

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void redefiningThePageContentInAnXrefStreamIsAModification() {
        int content = pageContent(lt);
        byte[] forged = rawXrefStreamUpdate(lt, List.of(RawEntry.object(content, 0, stream(BLACK_PAGE))));

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void anXrefEntryPointingIntoTheSignedRevisionAtAnotherObjectIsAModification() {
        // The page content's entry points at the bytes of another object of the signed revision (the empty appearance
        // of the signature widget): readers that follow the entry lose the page content.
        int content = pageContent(lt);
        String text = Forgery.text(lt);
        int elsewhere = text.indexOf(" 0 obj\n<<\n/Length 0\n/Type /XObject");
        elsewhere = text.lastIndexOf('\n', elsewhere) + 1;
        byte[] forged = rawUpdate(lt, List.of(RawEntry.at(content, 0, elsewhere)));

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void freeingThePageContentInAnXrefStreamIsAModification() {
        // Type 0 entry in an xref stream: poppler (pdftoppm) renders the certificate as an empty white page.
        int content = pageContent(lt);
        byte[] forged = rawXrefStreamUpdate(lt, List.of(RawEntry.free(content, 1)));

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aFreedObjectThatReadersRecoverFromTheUpdatesUnlistedBytesIsAModification() {
        // The update frees the page content and carries, outside its cross-reference section, a new "N 0 obj".
        // PDFBox ignores the free entry and keeps the signed object; a reader that rebuilds the cross-reference
        // (poppler: "xref num N not found but needed, try to reconstruct") takes the last "N 0 obj" in the file
        // and shows the forger's page (pdftoppm: an all-black page, where any content could be).
        int content = pageContent(lt);
        byte[] forged =
                rawUpdate(lt, List.of(RawEntry.free(content, 1), RawEntry.unlisted(content, 0, stream(BLACK_PAGE))));

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void anXrefEntryPointingAtTheWrongObjectWithTheRealOneUnlistedIsAModification() {
        // Same idea with a wrong offset instead of a free entry: PDFBox repairs the entry by a brute-force search.
        int content = pageContent(lt);
        String text = Forgery.text(lt);
        int elsewhere = text.indexOf(" 0 obj\n<<\n/Length 0\n/Type /XObject");
        elsewhere = text.lastIndexOf('\n', elsewhere) + 1;
        byte[] forged = rawUpdate(
                lt, List.of(RawEntry.at(content, 0, elsewhere), RawEntry.unlisted(content, 0, stream(BLACK_PAGE))));

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aHybridUpdateRedefiningThePageContentInItsXrefStreamIsAModification() {
        // A classic table (for old readers) with /XRefStm naming a cross-reference stream that redefines the content.
        int content = pageContent(lt);
        StringBuilder body = new StringBuilder("\n");
        long contentOffset = lt.length + body.length();
        body.append(content).append(" 0 obj\n").append(stream(BLACK_PAGE)).append("\nendobj\n");
        int self = lastSize(lt);
        long streamOffset = lt.length + body.length();
        byte[] row = {1, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < 4; i++) {
            row[1 + i] = (byte) (contentOffset >> (24 - 8 * i));
        }
        body.append(self)
                .append(" 0 obj\n<< /Type /XRef /Size ")
                .append(self + 1)
                .append(" /Index [")
                .append(content)
                .append(" 1] /W [1 4 2] /Length 7 >>\nstream\n")
                .append(new String(row, StandardCharsets.ISO_8859_1))
                .append("\nendstream\nendobj\n");
        long xref = lt.length + body.length();
        body.append("xref\n")
                .append(self)
                .append(" 1\n")
                .append(String.format("%010d 00000 n\r\n", streamOffset))
                .append("trailer\n<< /Size ")
                .append(self + 1)
                .append(" /Root 1 0 R /Info 2 0 R /Prev ")
                .append(lastStartxref(lt))
                .append(' ')
                .append(lastId(lt))
                .append(" /XRefStm ")
                .append(streamOffset)
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        byte[] forged = Forgery.append(lt, body.toString());

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aSecondPrevHiddenInAStringLeadsReadersToAnUncheckedSectionThatFreesThePageContent() {
        // The update's own table is clean; its trailer reads /Note (/Prev <previous>) /Prev <hidden>. The strict
        // reader's pattern finds the /Prev in the string; PDFBox and poppler follow the real /Prev to a second,
        // never-checked table in the update's body that frees the page content, and whose /Prev is the previous
        // revision's. PDFBox ignores the free entry (the signed content is unchanged for RevisionChanges); poppler
        // honours it ("xref num 15 not found but needed, try to reconstruct"), rebuilds its cross-reference and takes
        // the last "15 0 obj" in the file: an object whose header "15\0\n0 obj" the strict reader's pattern misses.
        // pdftoppm renders an all-black page, pdfsig still says "Signature is Valid".
        byte[] forged = hiddenSectionBehindPrev(previous -> "/Note (/Prev " + previous + ")");

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aDuplicatePrevKeyLeadsReadersToAnUncheckedSection() {
        // The same with /Prev <previous> /Prev <hidden>: the strict reader takes the first, PDFBox and poppler (for a
        // dictionary of fewer than 32 entries) the last. pdftoppm renders an all-black page.
        byte[] forged = hiddenSectionBehindPrev(previous -> "/Prev " + previous);

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
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
        // the free entry. pdftoppm renders the certificate as an empty white page (poppler
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

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
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

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void aValidationDataUpdateWhoseTrailerSizeHidesTheSignedObjectsIsRefused() {
        // The update's trailer says /Size 2: objects 2 and above do not exist for a reader that honours the final
        // trailer's /Size (ISO 32000-1 §7.5.5: "one greater than the highest object number"); PDFBox ignores it.
        byte[] genuine = rawUpdate(issued, List.of(RawEntry.object(lastSize(issued), 0, "<< /Certs [] >>")));
        String text = new String(genuine, StandardCharsets.ISO_8859_1);
        int size = text.lastIndexOf("/Size ");
        String declared = "/Size " + lastSize(genuine);
        assertThat(text.substring(size)).startsWith(declared);
        String shrunk = "/Size 2" + " ".repeat(declared.length() - "/Size 2".length());
        byte[] forged = Forgery.overwrite(genuine, size, shrunk);

        files.assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }
}
