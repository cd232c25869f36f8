package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.CachetServices;
import io.cachet.core.TestHomes;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.verify.VerificationService;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixth security review (main at 83214dd), the last pass before release: genuine files extended several times, after
 * a key rotation, verified at the very expiry instants; updates written by other writers (PNG-predicted
 * cross-reference streams, PDFBox's {@code saveIncremental(out, objects)}, a store listing one stream twice, /VRI);
 * objects reachable only from /Info; a store of huge CRLs listed many times (work within the limits).
 *
 * <p>At 83214dd no forgery got through; two genuine files were refused, both fixed: a B-LT file whose last update
 * (by another tool) used a classic table could not be extended (PDFBox merged the earlier streams' keys into the new
 * trailer, which the verifier refuses; the extender now keeps only /Size, /Root, /Info, /ID), and a cross-reference
 * stream spelling out the default /Colors 1 /BitsPerComponent 8 was refused.
 */
class LongTermAttacksRound6Test {
    private static final Instant ISSUED = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant EXTENDED = ISSUED.plus(Duration.ofDays(1));

    @TempDir
    static Path folder;

    static byte[] issued;
    static byte[] lt;
    static byte[] lta;
    static X509Certificate signer;
    static SignerKey root;

    @BeforeAll
    static void issueAndExtend() throws Exception {
        LongTermAttacksRound4Test.folder = folder;
        LongTermAttacksRound4Test.issueAndExtend();
        issued = LongTermAttacksTest.issued;
        lt = LongTermAttacksTest.lt;
        lta = LongTermAttacksTest.lta;
        signer = LongTermAttacksRound4Test.signer;
        root = LongTermAttacksRound4Test.root;
    }

    // ---------------------------------------------------------------- genuine files, extended again and again

    @Test
    void extendingFourTimesInARowThenLtStaysValid() {
        byte[] file = lt;
        Instant at = EXTENDED;
        for (int round = 1; round <= 4; round++) {
            at = at.plus(Duration.ofDays(90));
            PdfExtender.Extension extension = extender(at).extend(file, PdfExtender.Level.LTA);
            assertThat(extension.level()).isEqualTo("B-LTA");
            assertThat(prefix(file, extension.pdf())).isTrue();
            file = extension.pdf();
            VerificationReport report = verifyAt(file, at);
            assertThat(report.verdict())
                    .as("round %d: %s", round, failed(report))
                    .isEqualTo(Verdict.VALID);
        }
        // LT on an LTA file: nothing to add, still B-LTA.
        PdfExtender.Extension again = extender(at.plus(Duration.ofDays(1))).extend(file, PdfExtender.Level.LT);
        assertThat(again.level()).isEqualTo("B-LTA");
        assertThat(verifyAt(again.pdf(), at.plus(Duration.ofDays(1))).verdict()).isEqualTo(Verdict.VALID);
        List<String> names = fieldNames(file);
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        int revisions = PdfStructure.revisionEnds(file).size();
        // Each further LTA extension with nothing new to store adds one revision: how many are left before
        // MAX_REVISIONS (reported, not a failure: 32 revisions is about 28 renewals).
        assertThat(revisions).isLessThan(PdfSignatureVerifier.MAX_REVISIONS);
        System.out.println("round6: after 4 LTA extensions " + revisions + " revisions, fields " + names);
        // Past the signer's expiry (3 years) and the first authority's, still provable from the file alone.
        Instant late = signer.getNotAfter().toInstant().plus(Duration.ofDays(1));
        VerificationReport lateReport = verifyAt(file, late);
        assertThat(lateReport.verdict()).as(failed(lateReport)).isEqualTo(Verdict.VALID);
    }

    @Test
    void extendingAnLtFileToLtaAfterTheOfficeKeyWasRotatedWorks() throws Exception {
        Path home = folder.resolve("rotated");
        CachetServices issuing = TestHomes.create(home, fixed(ISSUED));
        byte[] original = Files.readAllBytes(issuing.issuance()
                .issue("cir", TestHomes.sample(issuing, "cir"), home.resolve("cir.pdf"), Locale.FRENCH)
                .file());
        CachetServices extending = new CachetServices(issuing.home(), Optional.empty(), Map.of(), fixed(EXTENDED));
        byte[] extendedLt =
                extending.pdfExtender().extend(original, PdfExtender.Level.LT).pdf();
        Instant rotation = EXTENDED.plus(Duration.ofDays(10));
        new CachetServices(issuing.home(), Optional.empty(), Map.of(), fixed(rotation))
                .keys()
                .rotate("PAR");
        Instant later = rotation.plus(Duration.ofDays(10));
        CachetServices afterRotation = new CachetServices(issuing.home(), Optional.empty(), Map.of(), fixed(later));
        PdfExtender.Extension extension = afterRotation.pdfExtender().extend(extendedLt, PdfExtender.Level.LTA);

        assertThat(extension.level()).isEqualTo("B-LTA");
        System.out.println("round6: after rotation, certificates added " + extension.certificatesAdded()
                + ", CRLs added " + extension.crlsAdded() + ", revisions "
                + PdfStructure.revisionEnds(extension.pdf()).size());
        VerificationReport report = new VerificationService(
                        afterRotation.trustStore(), fixed(later), Optional.of(afterRotation.registry()))
                .verifyPdf(extension.pdf());
        assertThat(report.verdict()).as(failed(report)).isEqualTo(Verdict.VALID);
    }

    // ---------------------------------------------------------------- expiry instants

    @Test
    void atExactlyTheSignersNotAfterABtFileStillVerifiesAndOneSecondLaterItCannot() {
        Instant notAfter = signer.getNotAfter().toInstant();
        PdfVerification atExpiry = verifier().verify(issued, notAfter);
        assertThat(failures(atExpiry)).isEmpty();
        PdfVerification after = verifier().verify(issued, notAfter.plusSeconds(1));
        assertThat(reasons(after)).contains(ReasonCode.PDF_LONG_TERM_DATA_MISSING);
    }

    @Test
    void atExactlyTheAuthoritysNotAfterAnLtFileStillVerifiesAndOneSecondLaterItCannot() {
        X509Certificate authority = verifier()
                .verify(lt, EXTENDED)
                .signature()
                .orElseThrow()
                .timestamps()
                .get(0)
                .authority();
        Instant notAfter = authority.getNotAfter().toInstant();
        PdfVerification atExpiry = verifier().verify(lt, notAfter);
        assertThat(failures(atExpiry)).isEmpty();
        PdfVerification after = verifier().verify(lt, notAfter.plusSeconds(1));
        assertThat(reasons(after)).contains(ReasonCode.PDF_LONG_TERM_DATA_MISSING);
    }

    // ---------------------------------------------------------------- updates written by other writers

    @Test
    void aValidationDataUpdateWithAPngUpPredictedXrefStreamIsAccepted() {
        // qpdf, iText and Acrobat write cross-reference streams Flate-encoded with /DecodeParms << /Predictor 12
        // /Columns N >> and every row filtered Up: a genuine B-LT update by another tool. The rules allow it.
        byte[] update = predictedXrefStreamUpdate(lt, dssUpdateEntries(lt, dssBody(lt)));

        VerificationReport report = LongTermAttacksTest.verify(update);
        assertThat(report.verdict()).as(failed(report)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aPredictedXrefStreamSpellingOutTheDefaultColorsAndBitsIsAccepted() {
        // /Colors 1 /BitsPerComponent 8 are the defaults (ISO 32000-1 Table 8); writing them changes nothing. At
        // 83214dd this FAILS (low severity, fails closed): RevisionXref.unpredict allows only /Predictor and
        // /Columns, so another tool's genuine update spelling out the defaults is PDF_MODIFIED_AFTER_SIGNING.
        byte[] update = predictedXrefStreamUpdate(
                lt, dssUpdateEntries(lt, dssBody(lt)), "/Predictor 12 /Colors 1 /BitsPerComponent 8 /Columns 7");

        VerificationReport report = LongTermAttacksTest.verify(update);
        assertThat(report.verdict()).as(failed(report)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aStoreListingTheSameCertificateStreamTwiceIsHarmlessAndStillExtends() {
        String body = dssBody(lt);
        Matcher certs = Pattern.compile("/Certs\\s*\\[\\s*(\\d+ 0 R)").matcher(body);
        assertThat(certs.find()).isTrue();
        String doubled = body.substring(0, certs.end()) + " " + certs.group(1) + body.substring(certs.end());
        byte[] update = predictedXrefStreamUpdate(lt, dssUpdateEntries(lt, doubled));

        VerificationReport report = LongTermAttacksTest.verify(update);
        assertThat(report.verdict()).as(failed(report)).isEqualTo(Verdict.VALID);
        PdfExtender.Extension extension =
                extender(EXTENDED.plus(Duration.ofDays(1))).extend(update, PdfExtender.Level.LTA);
        assertThat(verifyAt(extension.pdf(), EXTENDED.plus(Duration.ofDays(1))).verdict())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void aValidFileWhoseLastUpdateHasAClassicTableAfterXrefStreamsCanBeExtended() {
        // The issued file and the extender's updates use cross-reference streams. Another tool's B-LT update with a
        // classic table (legal, ISO 32000-1 §7.5.6/§7.5.8.4) verifies as VALID; extending it to LTA must work too.
        // At 83214dd it FAILS: PDFBox's saveIncremental writes its merged trailer, which still carries the earlier
        // cross-reference streams' /Length, /Filter, /W, /Index... into the new classic trailer, and the verifier
        // (RevisionXref.TRAILER_KEYS) refuses the extender's own output: the genuine file cannot be extended.
        byte[] update = LongTermAttacksTest.rawUpdate(lt, dssUpdateEntries(lt, dssBody(lt)));
        VerificationReport report = LongTermAttacksTest.verify(update);
        assertThat(report.verdict()).as(failed(report)).isEqualTo(Verdict.VALID);

        PdfExtender.Extension extension =
                extender(EXTENDED.plus(Duration.ofDays(1))).extend(update, PdfExtender.Level.LTA);
        assertThat(verifyAt(extension.pdf(), EXTENDED.plus(Duration.ofDays(1))).verdict())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void aValidationDataUpdateWrittenByPdfBoxWithAnExplicitObjectSetIsAccepted() {
        // A third-party tool adding a /DSS with saveIncremental(out, objectsToWrite): PDFBox may write a listed object
        // again (one byte-identical copy), which the rules allow.
        byte[] update = Forgery.incrementalUpdate(lt, document -> {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSDictionary previous = catalog.getCOSDictionary(RevisionChanges.DSS);
            COSDictionary dss = new COSDictionary();
            dss.setItem(ValidationData.CERTS, previous.getItem(ValidationData.CERTS));
            dss.setItem(ValidationData.CRLS, previous.getItem(ValidationData.CRLS));
            dss.setDirect(false);
            catalog.setItem(RevisionChanges.DSS, dss);
            catalog.setNeedToBeUpdated(true);
            dss.setNeedToBeUpdated(true);
            return Set.of(catalog, dss);
        });

        VerificationReport report = LongTermAttacksTest.verify(update);
        assertThat(report.verdict()).as(failed(report)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aVriEntryPointingAtANewStreamIsRefused() {
        // Accepted until issue 13 ([pdf-divergence]): /VRI entries were not read, so a new stream only /VRI refers
        // to (here a page content stream, not a certificate) was reachable and inert. Now every /VRI key must be the
        // SHA-1 of a signature of the file and every value a stream of the store's own arrays (DssContent).
        int stream = LongTermAttacksTest.lastSize(lt) + 1;
        String body = dssBody(lt);
        int close = body.lastIndexOf(">>");
        String withVri =
                body.substring(0, close) + " /VRI << /" + "AB".repeat(20) + " << /Cert [" + stream + " 0 R] >> >> >>";
        List<LongTermAttacksTest.RawEntry> entries = new ArrayList<>(dssUpdateEntries(lt, withVri));
        entries.add(LongTermAttacksTest.RawEntry.object(
                stream, 0, LongTermAttacksTest.stream("BT /F1 48 Tf 100 400 Td (ANNULE) Tj ET")));
        byte[] update = LongTermAttacksTest.rawUpdate(lt, entries);

        LongTermAttacksTest.assertRejected(update, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    // ---------------------------------------------------------------- /Info

    @Test
    void aNewObjectReachableOnlyFromARedefinedInfoIsRefused() {
        int extra = LongTermAttacksTest.lastSize(lt);
        byte[] forged = LongTermAttacksTest.rawUpdate(
                lt,
                List.of(
                        LongTermAttacksTest.RawEntry.object(
                                2, 0, "<< /Producer (Cachet) /Title (ANNULE) /Extra " + extra + " 0 R >>"),
                        LongTermAttacksTest.RawEntry.object(extra, 0, "<< /Note (forged) >>")));

        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aNewObjectHungOnAnInfoOutsideTheSignedRevisionIsRefused() {
        // The trailer's /Info switched to a new object (reachable, but a replaced information dictionary).
        int info = LongTermAttacksTest.lastSize(lt);
        byte[] genuine = LongTermAttacksTest.rawUpdate(
                lt, List.of(LongTermAttacksTest.RawEntry.object(info, 0, "<< /Title (ANNULE) >>")));
        // The trailer follows the table startxref points at: lengthening it moves nothing that is referenced.
        String text = Forgery.text(genuine);
        int trailer = text.lastIndexOf("/Info 2 0 R");
        String tail =
                text.substring(lt.length).replace(text.substring(trailer, trailer + 11), "/Info " + info + " 0 R");
        byte[] forged = Forgery.append(lt, tail);

        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    // ---------------------------------------------------------------- work within the limits

    @Test
    void aStoreOfSixtyFourReferencesToOneHugeCrlIsCheckedInReasonableTime() throws Exception {
        // Anyone may append validation data to a genuine file. One CRL of the genuine root, just under
        // MAX_ENTRY_BYTES, listed MAX_ENTRIES times (one small compressed stream decoded 64 times).
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                new JcaX509CertificateHolder(root.certificate()).getSubject(), Date.from(EXTENDED));
        builder.setNextUpdate(Date.from(EXTENDED.plus(Duration.ofDays(30))));
        Date revoked = Date.from(ISSUED.minus(Duration.ofDays(1)));
        for (int i = 0; i < 26_000; i++) {
            builder.addCRLEntry(BigInteger.valueOf(1_000_000_000L + i), revoked, CRLReason.keyCompromise);
        }
        String algorithm = root.certificate().getSigAlgName();
        byte[] der = new JcaX509CRLConverter()
                .getCRL(builder.build(new JcaContentSignerBuilder(algorithm).build(root.privateKey())))
                .getEncoded();
        assertThat(der.length).isLessThan(ValidationData.MAX_ENTRY_BYTES);
        int crl = LongTermAttacksTest.lastSize(lt);
        int dss = crl + 1;
        String body = dssBody(lt);
        String crls = (crl + " 0 R ").repeat(ValidationData.MAX_ENTRIES).strip();
        String huge = body.replaceFirst("/CRLs\\s*\\[[^\\]]*\\]", "/CRLs [" + crls + "]");
        assertThat(huge).isNotEqualTo(body);
        byte[] compressed = deflate(der);
        List<LongTermAttacksTest.RawEntry> entries = new ArrayList<>();
        entries.add(LongTermAttacksTest.RawEntry.object(
                crl,
                0,
                "<< /Filter /FlateDecode /Length " + compressed.length + " >>\nstream\n"
                        + new String(compressed, StandardCharsets.ISO_8859_1) + "\nendstream"));
        entries.add(LongTermAttacksTest.RawEntry.object(dss, 0, huge));
        entries.add(LongTermAttacksTest.RawEntry.object(1, 0, catalogBody(lt, dss)));
        byte[] update = LongTermAttacksTest.rawUpdate(lt, entries);
        System.out.println("round6: CRL of " + der.length + " bytes, file of " + update.length + " bytes");

        long start = System.nanoTime();
        VerificationReport report = LongTermAttacksTest.verify(update);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("round6: verified in " + millis + " ms: " + report.verdict() + " " + failed(report));
        assertThat(millis).isLessThan(20_000);
        long beyond = System.nanoTime();
        VerificationReport late = new VerificationService(
                        LongTermAttacksTest.issuing.trustStore(),
                        fixed(signer.getNotAfter().toInstant().plus(Duration.ofDays(1))),
                        Optional.of(LongTermAttacksTest.issuing.registry()))
                .verifyPdf(update);
        System.out.println("round6: verified past expiry in " + (System.nanoTime() - beyond) / 1_000_000 + " ms: "
                + late.verdict());
    }

    // ---------------------------------------------------------------- helpers

    private static PdfSignatureVerifier verifier() {
        return new PdfSignatureVerifier(LongTermAttacksTest.issuing.trustStore());
    }

    private static PdfExtender extender(Instant at) {
        return new CachetServices(LongTermAttacksTest.issuing.home(), Optional.empty(), Map.of(), fixed(at))
                .pdfExtender();
    }

    private static VerificationReport verifyAt(byte[] pdf, Instant at) {
        return new VerificationService(
                        LongTermAttacksTest.issuing.trustStore(),
                        fixed(at),
                        Optional.of(LongTermAttacksTest.issuing.registry()))
                .verifyPdf(pdf);
    }

    private static List<Check> failures(PdfVerification verification) {
        return verification.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .toList();
    }

    private static List<ReasonCode> reasons(PdfVerification verification) {
        return failures(verification).stream()
                .flatMap(check -> check.reason().stream())
                .toList();
    }

    private static String failed(VerificationReport report) {
        return report.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .map(check -> check.name() + ": " + check.detail())
                .toList()
                .toString();
    }

    private static boolean prefix(byte[] shorter, byte[] longer) {
        return java.util.Arrays.equals(shorter, 0, shorter.length, longer, 0, shorter.length);
    }

    private static List<String> fieldNames(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getSignatureFields().stream()
                    .map(PDSignatureField::getPartialName)
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The last definition's body of object {@code number} (a dictionary). */
    static String lastBody(byte[] pdf, int number) {
        Matcher matcher = Pattern.compile("(?s)(?<![0-9])" + number + " 0 obj\\s*(<<.*?>>)\\s*endobj")
                .matcher(Forgery.text(pdf));
        String body = null;
        while (matcher.find()) {
            body = matcher.group(1);
        }
        assertThat(body).as("object %d", number).isNotNull();
        return body;
    }

    static String dssBody(byte[] pdf) {
        return lastBody(pdf, LongTermAttacksTest.dssObject(pdf));
    }

    /** The catalog as last written, its /DSS pointing at {@code dss}. */
    static String catalogBody(byte[] pdf, int dss) {
        return lastBody(pdf, 1).replaceFirst("/DSS \\d+ 0 R", "/DSS " + dss + " 0 R");
    }

    /** A new /DSS object with {@code body} and the catalog pointing at it. */
    private static List<LongTermAttacksTest.RawEntry> dssUpdateEntries(byte[] pdf, String body) {
        int dss = LongTermAttacksTest.lastSize(pdf);
        return List.of(
                LongTermAttacksTest.RawEntry.object(1, 0, catalogBody(pdf, dss)),
                LongTermAttacksTest.RawEntry.object(dss, 0, body));
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /**
     * An incremental update with a cross-reference stream as qpdf or iText write it: /W [1 4 2], Flate-encoded,
     * /DecodeParms << /Predictor 12 /Columns 7 >>, every row filtered Up.
     */
    private static byte[] predictedXrefStreamUpdate(byte[] pdf, List<LongTermAttacksTest.RawEntry> entries) {
        return predictedXrefStreamUpdate(pdf, entries, "/Predictor 12 /Columns 7");
    }

    private static byte[] predictedXrefStreamUpdate(
            byte[] pdf, List<LongTermAttacksTest.RawEntry> entries, String decodeParms) {
        StringBuilder body = new StringBuilder("\n");
        List<long[]> table = new ArrayList<>();
        int size = LongTermAttacksTest.lastSize(pdf);
        for (LongTermAttacksTest.RawEntry entry : entries) {
            long offset = pdf.length + body.length();
            body.append(entry.number()).append(" 0 obj\n").append(entry.body()).append("\nendobj\n");
            table.add(new long[] {entry.number(), 0, offset});
            size = Math.max(size, entry.number() + 1);
        }
        int self = size;
        long xref = pdf.length + body.length();
        table.add(new long[] {self, 0, xref});
        size = self + 1;
        table.sort(java.util.Comparator.comparingLong(row -> row[0]));
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        byte[] previous = new byte[7];
        StringBuilder index = new StringBuilder();
        for (long[] row : table) {
            index.append(row[0]).append(" 1 ");
            byte[] current = {1, (byte) (row[2] >> 24), (byte) (row[2] >> 16), (byte) (row[2] >> 8), (byte) row[2], 0, 0
            };
            rows.write(2);
            for (int i = 0; i < 7; i++) {
                rows.write((current[i] - previous[i]) & 0xFF);
            }
            previous = current;
        }
        String binary = new String(deflate(rows.toByteArray()), StandardCharsets.ISO_8859_1);
        body.append(self)
                .append(" 0 obj\n<< /Type /XRef /Size ")
                .append(size)
                .append(" /Index [")
                .append(index.toString().strip())
                .append("] /W [1 4 2] /Filter /FlateDecode /DecodeParms << " + decodeParms + " >>")
                .append(" /Root 1 0 R /Info 2 0 R /Prev ")
                .append(LongTermAttacksTest.lastStartxref(pdf))
                .append(' ')
                .append(LongTermAttacksTest.lastId(pdf))
                .append(" /Length ")
                .append(binary.length())
                .append(" >>\nstream\n")
                .append(binary)
                .append("\nendstream\nendobj\n");
        body.append("startxref\n").append(xref).append("\n%%EOF\n");
        return Forgery.append(pdf, body.toString());
    }

    private static Clock fixed(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
