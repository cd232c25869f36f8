package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cachet.core.CachetServices;
import io.cachet.core.TestHomes;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.keys.Keystores;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.verify.VerificationService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forgeries aimed at what the verifier accepts after the certification signature since {@code cachet pdf extend}:
 * validation data (/DSS) and document timestamps. Each one hides a change other than those behind an update that
 * looks like an extension, or forges or misplaces the long-term material; none may verify as VALID.
 *
 * <p>Written by a security review of main at 3a5a09f, where the cross-reference forgeries (free entry, other
 * generation, entry at the wrong object, free entry plus unlisted object) and the orphan timestamp widget verified
 * as VALID: {@link RevisionChanges} compared objects as PDFBox resolves them, and PDFBox ignores free entries, keeps
 * every generation of an object number apart and repairs wrong offsets by a brute-force search, whereas viewers
 * (poppler, shown in the comments) do not. {@link RevisionXref} now reads each update's cross-reference section
 * strictly, and {@link RevisionChanges} requires every widget added to a page to be an added form field.
 */
class LongTermAttacksTest {
    private static final Instant ISSUED = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant EXTENDED = ISSUED.plus(Duration.ofDays(1));

    /** Covers the whole page in black: what a forger puts in place of the certificate's content. */
    private static final String BLACK_PAGE = "0 0 0 rg 0 0 596 842 re f";

    @TempDir
    static Path folder;

    static CachetServices issuing;
    static byte[] issued;
    static byte[] lt;
    static byte[] lta;

    @BeforeAll
    static void issueAndExtend() throws Exception {
        issuing = TestHomes.create(folder.resolve("home"), fixed(ISSUED));
        issued = Files.readAllBytes(issuing.issuance()
                .issue("cir", TestHomes.sample(issuing, "cir"), folder.resolve("cir.pdf"), Locale.FRENCH)
                .file());
        CachetServices extending = new CachetServices(issuing.home(), Optional.empty(), Map.of(), fixed(EXTENDED));
        lt = extending.pdfExtender().extend(issued, PdfExtender.Level.LT).pdf();
        lta = extending.pdfExtender().extend(issued, PdfExtender.Level.LTA).pdf();
        assertThat(verify(lt).verdict()).isEqualTo(Verdict.VALID);
        assertThat(verify(lta).verdict()).isEqualTo(Verdict.VALID);
    }

    // ---------------------------------------------------------------- cross-reference tricks

    @Test
    void freeingThePageContentInALaterRevisionIsAModification() {
        // A later xref section marks the page's content stream free. PDFBox ignores free entries: VALID on 3a5a09f.
        int content = pageContent(lt);
        byte[] forged = rawUpdate(lt, List.of(RawEntry.free(content, 1)));

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void freeingThePageContentAfterTheLastDocumentTimestampIsAModification() {
        int content = pageContent(lta);
        byte[] forged = rawUpdate(lta, List.of(RawEntry.free(content, 1)));

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void redefiningThePageContentWithAnotherGenerationIsAModification() {
        // "N 1 obj" replaces "N 0 obj": PDFBox keeps "N 0" apart and unchanged; poppler renders an empty page,
        // readers that ignore generation numbers (pdfium, MuPDF) would render the forger's content.
        int content = pageContent(lt);
        byte[] forged = rawUpdate(lt, List.of(RawEntry.object(content, 1, stream(BLACK_PAGE))));

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void redefiningThePageContentInAnXrefStreamIsAModification() {
        int content = pageContent(lt);
        byte[] forged = rawXrefStreamUpdate(lt, List.of(RawEntry.object(content, 0, stream(BLACK_PAGE))));

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
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

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    @Test
    void freeingThePageContentInAnXrefStreamIsAModification() {
        // Type 0 entry in an xref stream: poppler (pdftoppm) renders the certificate as an empty white page.
        int content = pageContent(lt);
        byte[] forged = rawXrefStreamUpdate(lt, List.of(RawEntry.free(content, 1)));

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
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

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
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

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    // ---------------------------------------------------------------- hybrid file

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

        assertRejected(forged, ReasonCode.PDF_AMBIGUOUS_STRUCTURE);
    }

    // ---------------------------------------------------------------- validation data

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

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
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

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void validationDataNestedTooDeeplyIsAFailedCheckNotAnException() {
        // The store added by the B-LT revision is redefined with a /VRI nested 100 000 arrays deep.
        int dss = dssObject(lt);
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        byte[] forged = rawUpdate(lt, List.of(RawEntry.object(dss, 0, "<< /VRI " + deep + " >>")));

        assertThatCode(() -> new PdfSignatureVerifier(issuing.trustStore()).verify(forged, EXTENDED))
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

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
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

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    // ---------------------------------------------------------------- document timestamps

    @Test
    void aDocumentTimestampFieldWithKidsIsAModification() throws Exception {
        byte[] forged = Forgery.documentTimestamp(
                lt,
                genuineAuthority(EXTENDED),
                (document, field) -> field.getCOSObject().setItem(COSName.KIDS, new COSArray()));

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void documentTimestampsOutOfOrderAreRefused() throws Exception {
        // The second document timestamp (in file order) claims a time before the first one's.
        byte[] forged =
                Forgery.documentTimestamp(lta, genuineAuthority(ISSUED.plus(Duration.ofHours(1))), (d, f) -> {});

        assertRejected(forged, ReasonCode.PDF_TIMESTAMP_INVALID);
    }

    @Test
    void aTimestampWidgetOnThePageButNotAFormFieldIsNotAcceptedUnverified() throws Exception {
        // Beside a genuine document timestamp, a second widget "merged with a document timestamp" that is not in the
        // AcroForm: its /V, a signature dictionary on the page that names the office, is never verified.
        byte[] forged = Forgery.documentTimestamp(lt, genuineAuthority(EXTENDED), (document, field) -> {
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

        assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    // ---------------------------------------------------------------- helpers

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

    static TimestampAuthority genuineAuthority(Instant at) {
        char[] passphrase = KeystorePassphrase.resolve(issuing.home(), issuing.config(), Map.of());
        return new LocalTimestampAuthority(
                Keystores.read(issuing.home().timestampKeystore(), "tsa", passphrase), fixed(at));
    }

    static VerificationReport verify(byte[] pdf) {
        return new VerificationService(issuing.trustStore(), fixed(EXTENDED), Optional.of(issuing.registry()))
                .verifyPdf(pdf);
    }

    static void assertRejected(byte[] forged, ReasonCode expected) {
        VerificationReport report = verify(forged);

        String failed = report.checks().stream()
                .filter(check -> check.outcome() == io.cachet.core.report.Check.Outcome.FAILED)
                .map(check -> check.name() + ": " + check.detail())
                .toList()
                .toString();
        assertThat(report.verdict()).as("failed checks %s", failed).isNotEqualTo(Verdict.VALID);
        assertThat(report.reasons()).as("failed checks %s", failed).contains(expected);
    }

    private static Clock fixed(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
