package io.cachet.core.pdf;

import static io.cachet.core.pdf.LongTermFiles.EXTENDED;
import static io.cachet.core.pdf.RawUpdates.dssBody;
import static io.cachet.core.pdf.RawUpdates.dssObject;
import static io.cachet.core.pdf.RawUpdates.dssUpdateEntries;
import static io.cachet.core.pdf.RawUpdates.lastSize;
import static io.cachet.core.pdf.RawUpdates.rawUpdate;
import static io.cachet.core.pdf.RawUpdates.stream;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cachet.core.pdf.RawUpdates.RawEntry;
import io.cachet.core.report.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tampering with the validation data (/DSS, ETSI EN 319 142-1 §5.4.2) that anyone may append to a signed file: entries
 * that are not streams, too many entries, nesting that would exhaust a recursive reader, /VRI entries pointing at
 * other objects, and other changes (metadata, an open action) slipped into a validation-data update. Validation data
 * is accepted only as {@link DssContent} and {@link ValidationData} read it; anything else is a modification.
 */
@ExtendWith(LongTermFilesExtension.class)
class ValidationDataAttacksTest {
    private static LongTermFiles files;
    private static byte[] lt;

    @BeforeAll
    static void shareFiles(LongTermFiles shared) {
        files = shared;
        lt = shared.lt();
    }

    @Test
    void validationDataWithAnEntryThatIsNotAStreamIsRefused() {
        byte[] forged = Forgery.incrementalUpdate(lt, document -> {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSDictionary dss = new COSDictionary();
            COSArray certs = new COSArray();
            certs.add(new COSString("not a certificate"));
            dss.setItem(ValidationData.CERTS, certs);
            catalog.setItem(RevisionChanges.DSS, dss);
            return Set.of(catalog);
        });

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void validationDataWithTooManyEntriesIsRefused() {
        byte[] forged = Forgery.incrementalUpdate(lt, document -> {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSDictionary dss = catalog.getCOSDictionary(RevisionChanges.DSS);
            COSArray certs = (COSArray) dss.getDictionaryObject(ValidationData.CERTS);
            COSArray many = new COSArray();
            for (int i = 0; i <= ValidationData.MAX_ENTRIES; i++) {
                many.add(certs.get(0));
            }
            COSDictionary replaced = new COSDictionary();
            replaced.setItem(ValidationData.CERTS, many);
            catalog.setItem(RevisionChanges.DSS, replaced);
            return Set.of(catalog);
        });

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void validationDataNestedTooDeeplyIsAFailedCheckNotAnException() {
        // The store added by the B-LT revision is redefined with a /VRI nested 100 000 arrays deep.
        int dss = dssObject(lt);
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        byte[] forged = rawUpdate(lt, List.of(RawEntry.object(dss, 0, "<< /VRI " + deep + " >>")));

        assertThatCode(() -> new PdfSignatureVerifier(files.issuing().trustStore()).verify(forged, EXTENDED))
                .doesNotThrowAnyException();
    }

    @Test
    void aMetadataChangeInAValidationDataUpdateIsAModification() {
        byte[] forged = Forgery.incrementalUpdate(lt, document -> {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSStream metadata = (COSStream) catalog.getDictionaryObject(COSName.METADATA);
            String xmp;
            try (var in = metadata.createInputStream()) {
                xmp = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try (var out = metadata.createOutputStream()) {
                out.write(xmp.replace("Attestation", "Attestaxion").getBytes(StandardCharsets.UTF_8));
            }
            catalog.setItem(RevisionChanges.DSS, new COSDictionary());
            return Set.of(catalog, metadata);
        });

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aCatalogGainingAnActionBesideItsValidationDataIsAModification() {
        byte[] forged = Forgery.incrementalUpdate(lt, document -> {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSDictionary action = new COSDictionary();
            action.setItem(COSName.S, COSName.getPDFName("URI"));
            action.setString(COSName.getPDFName("URI"), "https://example.org/");
            catalog.setItem(COSName.getPDFName("OpenAction"), action);
            catalog.setItem(RevisionChanges.DSS, new COSDictionary());
            return Set.of(catalog);
        });

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aVriEntryPointingAtANewStreamIsRefused() {
        // A new stream only /VRI refers to (here a page content stream, not a certificate) would be reachable, yet
        // no check reads it as validation data. Every /VRI key must be the
        // SHA-1 of a signature of the file and every value a stream of the store's own arrays (DssContent).
        int stream = lastSize(lt) + 1;
        String body = dssBody(lt);
        int close = body.lastIndexOf(">>");
        String withVri =
                body.substring(0, close) + " /VRI << /" + "AB".repeat(20) + " << /Cert [" + stream + " 0 R] >> >> >>";
        List<RawEntry> entries = new ArrayList<>(dssUpdateEntries(lt, withVri));
        entries.add(RawEntry.object(stream, 0, stream("BT /F1 48 Tf 100 400 Td (ANNULE) Tj ET")));
        byte[] update = rawUpdate(lt, entries);

        files.assertRejected(update, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }
}
