package io.cachet.core.pdf;

import static io.cachet.core.pdf.LongTermFiles.EXTENDED;
import static io.cachet.core.pdf.LongTermFiles.ISSUED;
import static io.cachet.core.pdf.LongTermFiles.failedChecks;
import static io.cachet.core.pdf.LongTermFiles.fixed;
import static io.cachet.core.pdf.RawUpdates.dssBody;
import static io.cachet.core.pdf.RawUpdates.dssUpdateEntries;
import static io.cachet.core.pdf.RawUpdates.predictedXrefStreamUpdate;
import static io.cachet.core.pdf.RawUpdates.rawUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.VerificationService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Genuine files the attack rules must not refuse: files extended again and again, extended after a key rotation or
 * when their store is already full, and validation-data updates written by other tools (PNG-predicted
 * cross-reference streams, default decode parameters spelled out, a classic table after cross-reference streams,
 * PDFBox's {@code saveIncremental} with an explicit object set, a store listing one stream twice).
 */
@ExtendWith(LongTermFilesExtension.class)
class GenuineLongTermFilesTest {
    private static LongTermFiles files;
    private static byte[] issued;
    private static byte[] lt;

    @TempDir
    static Path folder;

    @BeforeAll
    static void shareFiles(LongTermFiles shared) {
        files = shared;
        issued = shared.issued();
        lt = shared.lt();
    }

    @Test
    void extendingFourTimesInARowThenLtStaysValid() {
        byte[] file = lt;
        Instant at = EXTENDED;
        for (int round = 1; round <= 4; round++) {
            at = at.plus(Duration.ofDays(90));
            PdfExtender.Extension extension = files.extender(at).extend(file, PdfExtender.Level.LTA);
            assertThat(extension.level()).isEqualTo("B-LTA");
            assertThat(prefix(file, extension.pdf())).isTrue();
            file = extension.pdf();
            VerificationReport report = files.verifyAt(file, at);
            assertThat(report.verdict())
                    .as("round %d: %s", round, failedChecks(report))
                    .isEqualTo(Verdict.VALID);
        }
        // LT on an LTA file: nothing to add, still B-LTA.
        PdfExtender.Extension again =
                files.extender(at.plus(Duration.ofDays(1))).extend(file, PdfExtender.Level.LT);
        assertThat(again.level()).isEqualTo("B-LTA");
        assertThat(files.verifyAt(again.pdf(), at.plus(Duration.ofDays(1))).verdict())
                .isEqualTo(Verdict.VALID);
        List<String> names = fieldNames(file);
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        int revisions = PdfStructure.revisionEnds(file).size();
        // Each further LTA extension with nothing new to store adds one revision: how many are left before
        // MAX_REVISIONS (32 revisions is about 28 renewals).
        assertThat(revisions).isLessThan(PdfSignatureVerifier.MAX_REVISIONS);
        // Past the signer's expiry (3 years) and the first authority's, still provable from the file alone.
        Instant late = files.signer().getNotAfter().toInstant().plus(Duration.ofDays(1));
        VerificationReport lateReport = files.verifyAt(file, late);
        assertThat(lateReport.verdict()).as(failedChecks(lateReport)).isEqualTo(Verdict.VALID);
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
        VerificationReport report = new VerificationService(
                        afterRotation.trustStore(), fixed(later), Optional.of(afterRotation.registry()))
                .verifyPdf(extension.pdf());
        assertThat(report.verdict()).as(failedChecks(report)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aValidationDataUpdateWithAPngUpPredictedXrefStreamIsAccepted() {
        // qpdf, iText and Acrobat write cross-reference streams Flate-encoded with /DecodeParms << /Predictor 12
        // /Columns N >> and every row filtered Up: a genuine B-LT update by another tool. The rules allow it.
        byte[] update = predictedXrefStreamUpdate(lt, dssUpdateEntries(lt, dssBody(lt)));

        VerificationReport report = files.verify(update);
        assertThat(report.verdict()).as(failedChecks(report)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aPredictedXrefStreamSpellingOutTheDefaultColorsAndBitsIsAccepted() {
        // /Colors 1 /BitsPerComponent 8 are the defaults (ISO 32000-1 Table 8); writing them changes nothing, so
        // another tool's genuine update spelling out the defaults must not be PDF_MODIFIED_AFTER_SIGNING.
        byte[] update = predictedXrefStreamUpdate(
                lt, dssUpdateEntries(lt, dssBody(lt)), "/Predictor 12 /Colors 1 /BitsPerComponent 8 /Columns 7");

        VerificationReport report = files.verify(update);
        assertThat(report.verdict()).as(failedChecks(report)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aStoreListingTheSameCertificateStreamTwiceIsHarmlessAndStillExtends() {
        String body = dssBody(lt);
        Matcher certs = Pattern.compile("/Certs\\s*\\[\\s*(\\d+ 0 R)").matcher(body);
        assertThat(certs.find()).isTrue();
        String doubled = body.substring(0, certs.end()) + " " + certs.group(1) + body.substring(certs.end());
        byte[] update = predictedXrefStreamUpdate(lt, dssUpdateEntries(lt, doubled));

        VerificationReport report = files.verify(update);
        assertThat(report.verdict()).as(failedChecks(report)).isEqualTo(Verdict.VALID);
        PdfExtender.Extension extension =
                files.extender(EXTENDED.plus(Duration.ofDays(1))).extend(update, PdfExtender.Level.LTA);
        assertThat(files.verifyAt(extension.pdf(), EXTENDED.plus(Duration.ofDays(1)))
                        .verdict())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void aValidFileWhoseLastUpdateHasAClassicTableAfterXrefStreamsCanBeExtended() {
        // The issued file and the extender's updates use cross-reference streams. Another tool's B-LT update with a
        // classic table (legal, ISO 32000-1 §7.5.6/§7.5.8.4) verifies as VALID; extending it to LTA must work too.
        // PDFBox's saveIncremental would write its merged trailer, which still carries the earlier
        // cross-reference streams' /Length, /Filter, /W, /Index... into the new classic trailer, and the verifier
        // (RevisionXref.TRAILER_KEYS) would refuse the extender's own output: so the extender keeps only /Size, /Root,
        // /Info and /ID.
        byte[] update = rawUpdate(lt, dssUpdateEntries(lt, dssBody(lt)));
        VerificationReport report = files.verify(update);
        assertThat(report.verdict()).as(failedChecks(report)).isEqualTo(Verdict.VALID);

        PdfExtender.Extension extension =
                files.extender(EXTENDED.plus(Duration.ofDays(1))).extend(update, PdfExtender.Level.LTA);
        assertThat(files.verifyAt(extension.pdf(), EXTENDED.plus(Duration.ofDays(1)))
                        .verdict())
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

        VerificationReport report = files.verify(update);
        assertThat(report.verdict()).as(failedChecks(report)).isEqualTo(Verdict.VALID);
    }

    @Test
    void extendingAFileWhoseStoreIsAlreadyFullEitherWorksOrFailsCleanly() throws Exception {
        // A B-LT update (validation data is accepted from anyone) fills /Certs with 64 copies of the root: the file
        // verifies; extending it must not produce a file that no longer does.
        byte[] full = Forgery.incrementalUpdate(issued, document -> {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSArray certs = new COSArray();
            try {
                COSStream rootStream =
                        Forgery.derStream(document, files.root().certificate().getEncoded());
                for (int i = 0; i < ValidationData.MAX_ENTRIES; i++) {
                    certs.add(rootStream);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            COSDictionary dss = new COSDictionary();
            dss.setItem(ValidationData.CERTS, certs);
            catalog.setItem(RevisionChanges.DSS, dss);
            return Set.of(catalog);
        });
        assertThat(files.verify(full).verdict()).isEqualTo(Verdict.VALID);
        PdfExtender.Extension extension = files.extender(EXTENDED).extend(full, PdfExtender.Level.LTA);

        assertThat(files.verify(extension.pdf()).verdict()).isEqualTo(Verdict.VALID);
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
}
