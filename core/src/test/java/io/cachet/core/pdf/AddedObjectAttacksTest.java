package io.cachet.core.pdf;

import static io.cachet.core.pdf.RawUpdates.deflate;
import static io.cachet.core.pdf.RawUpdates.lastSize;
import static io.cachet.core.pdf.RawUpdates.rawUpdate;
import static io.cachet.core.pdf.RawUpdates.rawXrefStreamUpdate;
import static io.cachet.core.pdf.RawUpdates.stream;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.pdf.RawUpdates.RawEntry;
import io.cachet.core.report.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Objects an update adds that the signed document never shows PDFBox but other readers may: an unreferenced object
 * stream re-defining the page (found by readers that rebuild their cross-reference by scanning), new objects reachable
 * only from a redefined or replaced /Info. An update may add only what the document refers to, and never change
 * /Info, so each is a modification after signing.
 */
@ExtendWith(LongTermFilesExtension.class)
class AddedObjectAttacksTest {
    private static LongTermFiles files;
    private static byte[] issued;
    private static byte[] lt;

    @BeforeAll
    static void shareFiles(LongTermFiles shared) {
        files = shared;
        issued = shared.issued();
        lt = shared.lt();
    }

    @Test
    void anUnreferencedObjectStreamRedefiningThePageContentIsRefused() throws Exception {
        // An update (cross-reference stream) adds a new, unreferenced /Type /ObjStm whose one object is the page's
        // number, drawing a new (also unreferenced) black content stream. No section lists it as compressed, so PDFBox
        // never reads it; a reader
        // that rebuilds its cross-reference by scanning (pdf.js, MuPDF and PDFBox's own repair all parse object
        // streams found by scanning) takes it as the page's content. No update needs an object nothing refers to.
        java.util.regex.Matcher page = java.util.regex.Pattern.compile("(\\d+) 0 obj\\s*<<\\s*/Type /Page\\b")
                .matcher(Forgery.text(issued));
        assertThat(page.find()).isTrue();
        int black = lastSize(issued);
        String header = page.group(1) + " 0 ";
        String object = "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 596 842] /Contents " + (black + 1) + " 0 R >>";
        byte[] payload = (header + object).getBytes(StandardCharsets.ISO_8859_1);
        String raw = new String(deflate(payload), StandardCharsets.ISO_8859_1);
        String objStm = "<< /Type /ObjStm /N 1 /First " + header.length() + " /Filter /FlateDecode /Length "
                + raw.length() + " >>\nstream\n" + raw + "\nendstream";
        byte[] forged = rawXrefStreamUpdate(
                issued,
                List.of(
                        RawEntry.object(black, 0, objStm),
                        RawEntry.object(black + 1, 0, stream("0 0 0 rg 0 0 596 842 re f"))));

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aNewObjectReachableOnlyFromARedefinedInfoIsRefused() {
        int extra = lastSize(lt);
        byte[] forged = rawUpdate(
                lt,
                List.of(
                        RawEntry.object(2, 0, "<< /Producer (Cachet) /Title (ANNULE) /Extra " + extra + " 0 R >>"),
                        RawEntry.object(extra, 0, "<< /Note (forged) >>")));

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aNewObjectHungOnAnInfoOutsideTheSignedRevisionIsRefused() {
        // The trailer's /Info switched to a new object (reachable, but a replaced information dictionary).
        int info = lastSize(lt);
        byte[] genuine = rawUpdate(lt, List.of(RawEntry.object(info, 0, "<< /Title (ANNULE) >>")));
        // The trailer follows the table startxref points at: lengthening it moves nothing that is referenced.
        String text = Forgery.text(genuine);
        int trailer = text.lastIndexOf("/Info 2 0 R");
        String tail =
                text.substring(lt.length).replace(text.substring(trailer, trailer + 11), "/Info " + info + " 0 R");
        byte[] forged = Forgery.append(lt, tail);

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }
}
