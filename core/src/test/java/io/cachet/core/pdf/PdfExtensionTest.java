package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import io.cachet.core.TestHomes;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.render.PdfA;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.VerificationService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * {@code cachet pdf extend}: B-LT and B-LTA keep an issued certificate verifiable after its signing certificate
 * (and, with renewed document timestamps, its timestamp authority) expired, and the verifier accepts exactly the
 * validation data and document timestamps added after the signature.
 */
class PdfExtensionTest {
    private static final Instant ISSUED = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant EXTENDED = ISSUED.plus(Duration.ofDays(1));

    @TempDir
    static Path folder;

    private static CachetServices issuing;
    private static CachetServices extending;
    private static byte[] issued;
    private static byte[] lt;
    private static byte[] lta;
    private static X509Certificate signer;

    @BeforeAll
    static void issueAndExtend() throws Exception {
        issuing = TestHomes.create(folder.resolve("home"), fixed(ISSUED));
        issued = Files.readAllBytes(issuing.issuance()
                .issue("cir", TestHomes.sample(issuing, "cir"), folder.resolve("cir.pdf"), Locale.FRENCH)
                .file());
        extending = new CachetServices(issuing.home(), Optional.empty(), Map.of(), fixed(EXTENDED));
        PdfExtender extender = extending.pdfExtender();
        PdfExtender.Extension toLt = extender.extend(issued, PdfExtender.Level.LT);
        lt = toLt.pdf();
        lta = extender.extend(issued, PdfExtender.Level.LTA).pdf();
        signer = new PdfSignatureVerifier(issuing.trustStore())
                .verify(issued, ISSUED)
                .signer()
                .orElseThrow();
        assertThat(toLt.level()).isEqualTo("B-LT");
        assertThat(toLt.certificatesAdded())
                .as("office, root, timestamp authority")
                .isEqualTo(3);
        assertThat(toLt.crlsAdded()).isEqualTo(1);
    }

    @Test
    void extensionAppendsAndNeverRewritesTheSignedRevision() {
        assertThat(Arrays.equals(lt, 0, issued.length, issued, 0, issued.length))
                .isTrue();
        assertThat(Arrays.equals(lta, 0, issued.length, issued, 0, issued.length))
                .isTrue();
        assertThat(lta.length).isGreaterThan(issued.length);
    }

    @Test
    void extendedFilesStayPdfA() {
        for (byte[] pdf : new byte[][] {lt, lta}) {
            assertThat(PdfA.failures(pdf, PDFAFlavour.PDFA_3_A)).isEmpty();
        }
    }

    @Test
    void extendedFilesVerifyAtTheirLevelAndMatchTheRegistry() {
        for (byte[] pdf : new byte[][] {lt, lta}) {
            VerificationReport report = verifier(EXTENDED).verifyPdf(pdf);
            assertThat(report.verdict()).as(failures(report)).isEqualTo(Verdict.VALID);
            assertThat(passed(report, "registry.match")).isTrue();
        }
        assertThat(facts(lt, EXTENDED).level()).isEqualTo("B-LT");
        assertThat(facts(lta, EXTENDED).level()).isEqualTo("B-LTA");
        assertThat(facts(lta, EXTENDED).timestamps())
                .extracting(PdfTimestamp::kind)
                .containsExactly("signature", "document");
        assertThat(facts(issued, EXTENDED).level()).isEqualTo("B-T");
    }

    @Test
    void pastTheSignersExpiryOnlyExtendedFilesStillVerify() {
        Instant afterExpiry = signer.getNotAfter().toInstant().plus(Duration.ofDays(1));

        VerificationReport notExtended = verifier(afterExpiry).verifyPdf(issued);
        assertThat(notExtended.verdict()).isEqualTo(Verdict.UNREADABLE);
        assertThat(reasons(notExtended)).contains(ReasonCode.PDF_LONG_TERM_DATA_MISSING);

        for (byte[] pdf : new byte[][] {lt, lta}) {
            VerificationReport report = verifier(afterExpiry).verifyPdf(pdf);
            assertThat(report.verdict()).as(failures(report)).isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void pastTheTimestampAuthoritysExpiryADocumentTimestampMustHaveRenewedTheProof() {
        X509Certificate authority = facts(lta, EXTENDED).timestamps().get(1).authority();
        Instant afterAuthority = authority.getNotAfter().toInstant().plus(Duration.ofDays(1));

        VerificationReport report = verifier(afterAuthority).verifyPdf(lta);

        assertThat(report.verdict()).isEqualTo(Verdict.UNREADABLE);
        assertThat(reasons(report)).containsExactly(ReasonCode.PDF_LONG_TERM_DATA_MISSING);
    }

    @Test
    void extendingAgainAddsAnotherDocumentTimestamp() {
        CachetServices later = new CachetServices(
                issuing.home(), Optional.empty(), Map.of(), fixed(EXTENDED.plus(Duration.ofDays(30))));
        byte[] twice = later.pdfExtender().extend(lta, PdfExtender.Level.LTA).pdf();

        assertThat(facts(twice, EXTENDED.plus(Duration.ofDays(30))).timestamps())
                .extracting(PdfTimestamp::kind)
                .containsExactly("signature", "document", "document");
        assertThat(verifier(EXTENDED.plus(Duration.ofDays(30))).verifyPdf(twice).verdict())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void aCrlInTheFileListingTheSignerAsRevokedBeforeTheSignatureIsKeyRevoked(@TempDir Path other) throws Exception {
        CachetServices home = TestHomes.create(other.resolve("home"), fixed(ISSUED));
        byte[] pdf = Files.readAllBytes(home.issuance()
                .issue("cir", TestHomes.sample(home, "cir"), other.resolve("cir.pdf"), Locale.FRENCH)
                .file());
        PdfVerification.SignedFacts facts = new PdfSignatureVerifier(home.trustStore())
                .verify(pdf, ISSUED)
                .signature()
                .orElseThrow();
        new io.cachet.core.home.KeyManagement(home.home(), Map.of(), fixed(EXTENDED))
                .revoke(io.cachet.core.keys.Kid.of(facts.signer()).hex(), "compromise", ISSUED.minusSeconds(3600));
        X509CRL crl;
        try (var in = Files.newInputStream(home.home().trustDirectory().resolve("root.crl"))) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        List<Check> checks = new java.util.ArrayList<>();

        boolean passed = LongTermValidation.check(
                facts.signer(),
                facts.timestamps(),
                new ValidationData(List.of(), List.of(crl)),
                home.trustStore().anchors(),
                EXTENDED,
                checks);

        assertThat(passed).isFalse();
        assertThat(checks)
                .singleElement()
                .satisfies(check -> assertThat(check.reason()).contains(ReasonCode.KEY_REVOKED));
    }

    @Test
    void aFileThatDoesNotVerifyIsNotExtended() {
        byte[] tampered = issued.clone();
        tampered[tampered.length / 3] ^= 1;

        assertThatThrownBy(() -> extending.pdfExtender().extend(tampered, PdfExtender.Level.LTA))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void bytesAfterTheLastTimestampOtherThanValidationDataAreAModification() throws Exception {
        byte[] modified = Forgery.incrementalUpdate(lta, document -> {
            var information = document.getDocumentInformation();
            information.setTitle("altered after the timestamp");
            return Set.of(information.getCOSObject());
        });

        VerificationReport report = verifier(EXTENDED).verifyPdf(modified);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(reasons(report)).containsExactly(ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aDocumentTimestampWithAVisibleWidgetIsASneakySignature() throws Exception {
        // A genuine timestamp (anyone can ask a public authority for one) on a widget that shows on the page.
        byte[] sneaky = Forgery.documentTimestamp(
                lt,
                genuineAuthority(),
                (document, field) -> field.getWidgets().get(0).setRectangle(new PDRectangle(50, 50, 300, 80)));

        assertThat(reasonsOf(sneaky)).containsExactly(ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aDocumentTimestampFromAnUntrustedAuthorityIsRefused() throws Exception {
        KeyPair rootKeys = DevelopmentPki.newP256KeyPair();
        X509Certificate fakeRoot = DevelopmentPki.rootCertificate(rootKeys, true, ISSUED);
        KeyPair authorityKeys = DevelopmentPki.newP256KeyPair();
        X509Certificate authority =
                DevelopmentPki.timestampCertificate(authorityKeys, fakeRoot, rootKeys.getPrivate(), ISSUED);
        TimestampAuthority untrusted = new LocalTimestampAuthority(
                new SignerKey("tsa", authorityKeys.getPrivate(), List.of(authority, fakeRoot)), fixed(EXTENDED));

        byte[] forged = Forgery.documentTimestamp(lt, untrusted, (document, field) -> {});

        assertThat(reasonsOf(forged)).containsExactly(ReasonCode.PDF_TIMESTAMP_INVALID);
    }

    @Test
    void aChangeHiddenInAValidationDataUpdateIsAModification() throws Exception {
        // The forger adds a /DSS, as an extension would, and in the same update an annotation on the page.
        byte[] evil = Forgery.incrementalUpdate(issued, document -> {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            catalog.setItem(COSName.getPDFName("DSS"), new COSDictionary());
            PDPage page = document.getPage(0);
            PDAnnotationText note = new PDAnnotationText();
            note.setRectangle(new PDRectangle(100, 100, 20, 20));
            note.setContents("valid until 2040");
            page.getAnnotations().add(note);
            return Set.of(catalog, page.getCOSObject());
        });

        assertThat(reasonsOf(evil)).containsExactly(ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aRevisionCoveredByADocumentTimestampCannotBeAlteredInPlace() {
        // Flip one byte of the validation-data revision, which the document timestamp covers.
        byte[] altered = lta.clone();
        altered[issued.length + 40] ^= 0x20;

        assertThat(verifier(EXTENDED).verifyPdf(altered).verdict()).isNotEqualTo(Verdict.VALID);
    }

    @Test
    void aNewFormFieldBesideADocumentTimestampIsAModification() throws Exception {
        byte[] withField = Forgery.documentTimestamp(lt, genuineAuthority(), (document, field) -> {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm();
            PDTextField text = new PDTextField(form);
            text.setPartialName("statut");
            text.getWidgets().get(0).setRectangle(new PDRectangle(0, 0, 0, 0));
            form.getFields().add(text);
        });

        assertThat(reasonsOf(withField)).containsExactly(ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    private static TimestampAuthority genuineAuthority() {
        char[] passphrase = KeystorePassphrase.resolve(issuing.home(), issuing.config(), Map.of());
        return new LocalTimestampAuthority(
                Keystores.read(issuing.home().timestampKeystore(), "tsa", passphrase), fixed(EXTENDED));
    }

    private static List<ReasonCode> reasonsOf(byte[] pdf) {
        VerificationReport report = verifier(EXTENDED).verifyPdf(pdf);
        assertThat(report.verdict()).isNotEqualTo(Verdict.VALID);
        return reasons(report);
    }

    private static VerificationService verifier(Instant now) {
        return new VerificationService(issuing.trustStore(), fixed(now), Optional.of(issuing.registry()));
    }

    private static PdfVerification.SignedFacts facts(byte[] pdf, Instant now) {
        PdfVerification verification = new PdfSignatureVerifier(issuing.trustStore()).verify(pdf, now);
        return verification.signature().orElseThrow(() -> new AssertionError(verification.checks()));
    }

    private static boolean passed(VerificationReport report, String name) {
        return report.checks().stream()
                .anyMatch(check -> check.name().equals(name) && check.outcome() == Check.Outcome.PASSED);
    }

    private static List<ReasonCode> reasons(VerificationReport report) {
        return report.checks().stream()
                .flatMap(check -> check.reason().stream())
                .toList();
    }

    private static String failures(VerificationReport report) {
        return report.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .map(Check::toString)
                .toList()
                .toString();
    }

    private static Clock fixed(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
