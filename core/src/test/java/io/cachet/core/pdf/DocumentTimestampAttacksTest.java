package io.cachet.core.pdf;

import static io.cachet.core.pdf.LongTermFiles.EXTENDED;
import static io.cachet.core.pdf.LongTermFiles.ISSUED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Document timestamps (PAdES B-LTA) that say more than a timestamp, or are not what they seem: a timestamp field or
 * dictionary carrying a name, reason or DocMDP reference that signature panels show as the office's, a field named
 * like the certification field or with a message as its name, a token replayed from another file, a field that
 * borrows another field's dictionary or /ByteRange, a widget that is no form field, and timestamps out of order.
 * Genuine but odd timestamps (the same time as what they cover) stay VALID.
 */
@ExtendWith(LongTermFilesExtension.class)
class DocumentTimestampAttacksTest {
    private static LongTermFiles files;
    private static byte[] lt;
    private static byte[] lta;
    private static final String OFFICE = "TEST ONLY - Direction territoriale de Paris (PAR)";

    @BeforeAll
    static void shareFiles(LongTermFiles shared) {
        files = shared;
        lt = shared.lt();
        lta = shared.lta();
    }

    @Test
    void aDocumentTimestampFieldWithKidsIsAModification() throws Exception {
        byte[] forged = Forgery.documentTimestamp(
                lt,
                files.genuineAuthority(EXTENDED),
                (document, field) -> field.getCOSObject().setItem(COSName.KIDS, new COSArray()));

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void documentTimestampsOutOfOrderAreRefused() throws Exception {
        // The second document timestamp (in file order) claims a time before the first one's.
        byte[] forged =
                Forgery.documentTimestamp(lta, files.genuineAuthority(ISSUED.plus(Duration.ofHours(1))), (d, f) -> {});

        files.assertRejected(forged, ReasonCode.PDF_TIMESTAMP_INVALID);
    }

    @Test
    void aTimestampWidgetOnThePageButNotAFormFieldIsNotAcceptedUnverified() throws Exception {
        // Beside a genuine document timestamp, a second widget "merged with a document timestamp" that is not in the
        // AcroForm: its /V, a signature dictionary on the page that names the office, is never verified.
        byte[] forged = Forgery.documentTimestamp(lt, files.genuineAuthority(EXTENDED), (document, field) -> {
            PDPage page = document.getPage(0);
            COSDictionary value = new COSDictionary();
            value.setItem(COSName.TYPE, RevisionChanges.DOC_TIME_STAMP);
            value.setItem(COSName.FILTER, COSName.getPDFName("Adobe.PPKLite"));
            value.setItem(COSName.SUB_FILTER, COSName.getPDFName("ETSI.RFC3161"));
            value.setString(COSName.NAME, "Direction territoriale de Paris");
            value.setItem(COSName.CONTENTS, new COSString(new byte[] {0x30, 0x00}));
            COSArray range = new COSArray();
            for (int i : new int[] {0, 1, 2, 3}) {
                range.add(COSInteger.get(i));
            }
            value.setItem(COSName.BYTERANGE, range);
            COSDictionary widget = new COSDictionary();
            widget.setItem(COSName.FT, COSName.SIG);
            widget.setItem(COSName.TYPE, COSName.ANNOT);
            widget.setItem(COSName.SUBTYPE, COSName.WIDGET);
            widget.setString(COSName.T, "Signature9");
            widget.setItem(COSName.V, value);
            widget.setItem(COSName.RECT, new PDRectangle(0, 0, 0, 0).getCOSArray());
            widget.setItem(COSName.P, page.getCOSObject());
            page.getCOSObject().getCOSArray(COSName.ANNOTS).add(widget);
            page.getCOSObject().setNeedToBeUpdated(true);
            widget.setNeedToBeUpdated(true);
        });

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aDocumentTimestampWhoseDictionaryNamesTheOfficeWithAReasonIsRefused() throws Exception {
        // Anyone who can get a token from a trusted authority adds a "document timestamp" whose signature dictionary
        // carries /Name, /Reason, /Location, /ContactInfo: signature panels (Acrobat, Okular) show them as the
        // signer's statement, e.g. "Direction territoriale de Paris: certificate withdrawn, do not rely on it".
        byte[] forged = Forgery.documentTimestamp(lt, files.genuineAuthority(EXTENDED), (document, field) -> {
            COSDictionary value = field.getCOSObject().getCOSDictionary(COSName.V);
            value.setString(COSName.NAME, OFFICE);
            value.setString(COSName.REASON, "Attestation retiree par l'office : ne pas s'y fier");
            value.setString(COSName.LOCATION, "Paris");
            value.setString(COSName.CONTACT_INFO, "fraude@example.org");
        });

        // Refused as a change after signing: a timestamp field's dictionaries hold only what a timestamp needs.
        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aDocumentTimestampCarryingADocMdpReferenceIsRefused() throws Exception {
        // A second DocMDP transform (P=3: form filling and annotations allowed) in a timestamp's dictionary: ISO
        // 32000-1 §12.8.2.2 allows one, the certification signature's; readers may take the later, laxer one.
        byte[] forged = Forgery.documentTimestamp(lt, files.genuineAuthority(EXTENDED), (document, field) -> {
            COSDictionary value = field.getCOSObject().getCOSDictionary(COSName.V);
            COSDictionary parameters = new COSDictionary();
            parameters.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
            parameters.setInt(COSName.P, 3);
            parameters.setName(COSName.V, "1.2");
            COSDictionary reference = new COSDictionary();
            reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
            reference.setItem(COSName.getPDFName("TransformMethod"), COSName.DOCMDP);
            reference.setItem(COSName.getPDFName("TransformParams"), parameters);
            COSArray references = new COSArray();
            references.add(reference);
            value.setItem(COSName.getPDFName("Reference"), references);
        });

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aDocumentTimestampTokenTakenFromAnotherFileIsRefused() throws Exception {
        byte[] borrowed = documentTimestampToken(lta);
        TimestampAuthority replay = new TimestampAuthority() {
            @Override
            public byte[] timestamp(byte[] sha256) {
                return borrowed;
            }

            @Override
            public String description() {
                return "replay";
            }
        };
        byte[] forged = Forgery.documentTimestamp(lt, replay, (document, field) -> {});

        files.assertRejected(forged, ReasonCode.PDF_TIMESTAMP_INVALID);
    }

    @Test
    void aSecondTimestampFieldSharingTheFirstOnesDictionaryIsRefused() throws Exception {
        // LTA file: timestamp A covers the B-LT revision. The next update adds a field B whose /V is A's dictionary
        // (so B's /ByteRange frames A's /Contents, in an earlier revision than B itself) and a genuine timestamp C
        // over everything. B is "verified" with A's bytes: a field added after A that A's range does not cover.
        byte[] forged = Forgery.documentTimestamp(lta, files.genuineAuthority(EXTENDED), (document, field) -> {
            COSObject shared = firstTimestampValue(document);
            addTimestampField(document, widget -> widget.setItem(COSName.V, shared));
        });

        // Refused as a change after signing: each added field must have a signature dictionary of its own.
        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aTimestampFieldWhoseByteRangeFramesAnotherFieldsContentsIsRefused() throws Exception {
        // As above but B has a dictionary of its own, copying A's /ByteRange and /Contents, and adding a /Name and
        // /Reason: the gap of B's /ByteRange is not B's /Contents (it is A's, with the same bytes).
        byte[] forged = Forgery.documentTimestamp(lta, files.genuineAuthority(EXTENDED), (document, field) -> {
            COSDictionary a = (COSDictionary) firstTimestampValue(document).getObject();
            COSDictionary copy = new COSDictionary();
            for (COSName key :
                    List.of(COSName.TYPE, COSName.FILTER, COSName.SUB_FILTER, COSName.CONTENTS, COSName.BYTERANGE)) {
                COSBase item = a.getDictionaryObject(key);
                if (item instanceof COSArray array) {
                    COSArray range = new COSArray();
                    for (int i = 0; i < array.size(); i++) {
                        range.add(COSInteger.get(((COSInteger) array.getObject(i)).longValue()));
                    }
                    item = range;
                } else if (item instanceof COSString string) {
                    COSString contents = new COSString(string.getBytes());
                    contents.setForceHexForm(true);
                    item = contents;
                }
                copy.setItem(key, item);
            }
            copy.setString(COSName.NAME, OFFICE);
            copy.setString(COSName.REASON, "Approbation");
            addTimestampField(document, widget -> widget.setItem(COSName.V, copy));
        });

        files.assertRejected(forged, ReasonCode.PDF_BYTE_RANGE_INVALID);
    }

    @Test
    void aDocumentTimestampFieldNamedLikeTheCertificationFieldIsRefused() throws Exception {
        // ISO 32000-1 §12.7.3.2: fields with the same fully qualified name are one field with one value. A timestamp
        // field named exactly like the office's certification field makes viewers merge the two (Acrobat shows one
        // field whose /V is ambiguous; form flattening or re-saving keeps one of them).
        String certificationName;
        try (var document = org.apache.pdfbox.Loader.loadPDF(lt)) {
            certificationName = document.getSignatureFields().get(0).getPartialName();
        }
        byte[] forged = Forgery.documentTimestamp(
                lt,
                files.genuineAuthority(EXTENDED),
                (document, field) -> field.getCOSObject().setString(COSName.T, certificationName));

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aDocumentTimestampFieldWhoseNameIsAMessageIsRefused() throws Exception {
        // /Name and /Reason are refused on the timestamp's dictionary because signature panels show them; the
        // field's /T is shown there too (Acrobat: "Signature field: <T>", Okular's signature panel lists it), and it
        // is free text: "Attestation retiree par l'office - ne pas s'y fier".
        byte[] forged = Forgery.documentTimestamp(
                lt,
                files.genuineAuthority(EXTENDED),
                (document, field) -> field.getCOSObject()
                        .setString(COSName.T, "Attestation retiree par l'office - ne pas s'y fier"));

        files.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aDocumentTimestampAtTheVerySameTimeAsTheSignatureStaysValid() throws Exception {
        // Genuine but odd: the authority answers twice within one second, the document timestamp's genTime equals
        // the signature timestamp's. Not older than what it covers: valid.
        byte[] odd = Forgery.documentTimestamp(lt, files.genuineAuthority(ISSUED), (document, field) -> {});

        assertThat(files.verify(odd).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aSecondDocumentTimestampAtTheSameTimeAsTheFirstStaysValid() throws Exception {
        byte[] odd = Forgery.documentTimestamp(lta, files.genuineAuthority(EXTENDED), (document, field) -> {});

        assertThat(files.verify(odd).verdict()).isEqualTo(Verdict.VALID);
    }

    /** The reference to the /V of the first document timestamp field of the form. */
    static COSObject firstTimestampValue(PDDocument document) {
        COSArray fields =
                document.getDocumentCatalog().getAcroForm(null).getCOSObject().getCOSArray(COSName.FIELDS);
        for (int i = 0; i < fields.size(); i++) {
            if (fields.getObject(i) instanceof COSDictionary field
                    && field.getItem(COSName.V) instanceof COSObject value
                    && value.getObject() instanceof COSDictionary dictionary
                    && RevisionChanges.DOC_TIME_STAMP.equals(dictionary.getCOSName(COSName.TYPE))) {
                return value;
            }
        }
        throw new AssertionError("no document timestamp");
    }

    /** Adds an invisible signature field merged with its widget to the form and the first page. */
    static void addTimestampField(PDDocument document, Consumer<COSDictionary> value) {
        PDPage page = document.getPage(0);
        COSDictionary widget = new COSDictionary();
        widget.setItem(COSName.FT, COSName.SIG);
        widget.setItem(COSName.TYPE, COSName.ANNOT);
        widget.setItem(COSName.SUBTYPE, COSName.WIDGET);
        widget.setString(COSName.T, "Signature9");
        widget.setInt(COSName.F, 132);
        widget.setItem(COSName.RECT, new PDRectangle(0, 0, 0, 0).getCOSArray());
        widget.setItem(COSName.P, page.getCOSObject());
        value.accept(widget);
        COSArray fields =
                document.getDocumentCatalog().getAcroForm(null).getCOSObject().getCOSArray(COSName.FIELDS);
        fields.add(widget);
        fields.setNeedToBeUpdated(true);
        COSArray annotations = page.getCOSObject().getCOSArray(COSName.ANNOTS);
        annotations.add(widget);
        annotations.setNeedToBeUpdated(true);
        page.getCOSObject().setNeedToBeUpdated(true);
        widget.setNeedToBeUpdated(true);
    }

    /** The DER token of the (first) document timestamp of {@code pdf}. */
    static byte[] documentTimestampToken(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDSignature signature : document.getSignatureDictionaries()) {
                if (COSName.DOC_TIME_STAMP.equals(signature.getCOSObject().getCOSName(COSName.TYPE))) {
                    COSString contents = (COSString) signature.getCOSObject().getDictionaryObject(COSName.CONTENTS);
                    return ByteRange.withoutPadding(contents.getBytes()).orElseThrow();
                }
            }
        }
        throw new AssertionError("no document timestamp");
    }
}
