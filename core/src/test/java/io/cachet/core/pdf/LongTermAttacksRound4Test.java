package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fourth security review (main at 05ef88f), beyond the cross-reference layer: what a document timestamp's
 * dictionaries may carry, timestamps whose /ByteRange is not their own, CRLs whose scope or issuer does not cover
 * the signer, and the extender. Reuses the issued and extended files of {@link LongTermAttacksTest}.
 *
 * <p>At 05ef88f every test here but the borrowed token and the genuine-CRL control FAILS (the forgery verifies as
 * VALID, or the extender throws): {@link RevisionChanges#isInvisibleTimestampField} checks a few keys of the new
 * field but nothing else of it or of its /V dictionary; {@code checkDocumentTimestamp} never checks that the /ByteRange
 * gap is the /Contents of that very dictionary, in the revision that adds the field; {@link
 * LongTermValidation#provesNotRevoked} ignores the CRL's scope, delta indicator and nextUpdate and, like {@code
 * signedByIssuer}, takes any anchor of the right name rather than the one that issued the signer; the extender adds
 * entries to a /DSS already at {@link ValidationData#MAX_ENTRIES}. A zero-area widget with a page-sized appearance
 * (not kept as a test) renders exactly like the genuine file in pdftoppm: poppler clips it to the empty rectangle.
 */
class LongTermAttacksRound4Test {
    private static final Instant ISSUED = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant EXTENDED = ISSUED.plus(Duration.ofDays(1));
    private static final String OFFICE = "TEST ONLY - Direction territoriale de Paris (PAR)";

    @TempDir
    static Path folder;

    static byte[] issued;
    static byte[] lt;
    static byte[] lta;
    static X509Certificate signer;
    static SignerKey root;

    @BeforeAll
    static void issueAndExtend() throws Exception {
        LongTermAttacksTest.folder = folder;
        LongTermAttacksTest.issueAndExtend();
        issued = LongTermAttacksTest.issued;
        lt = LongTermAttacksTest.lt;
        lta = LongTermAttacksTest.lta;
        signer = new PdfSignatureVerifier(LongTermAttacksTest.issuing.trustStore())
                .verify(issued, EXTENDED)
                .signature()
                .orElseThrow()
                .signer();
        char[] passphrase = KeystorePassphrase.resolve(
                LongTermAttacksTest.issuing.home(), LongTermAttacksTest.issuing.config(), Map.of());
        root = Keystores.read(LongTermAttacksTest.issuing.home().rootKeystore(), "root", passphrase);
    }

    // ---------------------------------------------------------------- (a) what a timestamp's dictionaries carry

    @Test
    void aDocumentTimestampWhoseDictionaryNamesTheOfficeWithAReasonIsRefused() throws Exception {
        // Anyone who can get a token from a trusted authority adds a "document timestamp" whose signature dictionary
        // carries /Name, /Reason, /Location, /ContactInfo: signature panels (Acrobat, Okular) show them as the
        // signer's statement, e.g. "Direction territoriale de Paris: certificate withdrawn, do not rely on it".
        byte[] forged =
                Forgery.documentTimestamp(lt, LongTermAttacksTest.genuineAuthority(EXTENDED), (document, field) -> {
                    COSDictionary value = field.getCOSObject().getCOSDictionary(COSName.V);
                    value.setString(COSName.NAME, OFFICE);
                    value.setString(COSName.REASON, "Attestation retiree par l'office : ne pas s'y fier");
                    value.setString(COSName.LOCATION, "Paris");
                    value.setString(COSName.CONTACT_INFO, "fraude@example.org");
                });

        // Refused as a change after signing: a timestamp field's dictionaries hold only what a timestamp needs.
        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aDocumentTimestampCarryingADocMdpReferenceIsRefused() throws Exception {
        // A second DocMDP transform (P=3: form filling and annotations allowed) in a timestamp's dictionary: ISO
        // 32000-1 §12.8.2.2 allows one, the certification signature's; readers may take the later, laxer one.
        byte[] forged =
                Forgery.documentTimestamp(lt, LongTermAttacksTest.genuineAuthority(EXTENDED), (document, field) -> {
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

        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    // ---------------------------------------------------------------- (b) timestamp logic

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

        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_TIMESTAMP_INVALID);
    }

    @Test
    void aSecondTimestampFieldSharingTheFirstOnesDictionaryIsRefused() throws Exception {
        // LTA file: timestamp A covers the B-LT revision. The next update adds a field B whose /V is A's dictionary
        // (so B's /ByteRange frames A's /Contents, in an earlier revision than B itself) and a genuine timestamp C
        // over everything. B is "verified" with A's bytes: a field added after A that A's range does not cover.
        byte[] forged =
                Forgery.documentTimestamp(lta, LongTermAttacksTest.genuineAuthority(EXTENDED), (document, field) -> {
                    COSObject shared = firstTimestampValue(document);
                    addTimestampField(document, widget -> widget.setItem(COSName.V, shared));
                });

        // Refused as a change after signing: each added field must have a signature dictionary of its own.
        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_MODIFIED_AFTER_SIGNING);
    }

    @Test
    void aTimestampFieldWhoseByteRangeFramesAnotherFieldsContentsIsRefused() throws Exception {
        // As above but B has a dictionary of its own, copying A's /ByteRange and /Contents, and adding a /Name and
        // /Reason: the gap of B's /ByteRange is not B's /Contents (it is A's, with the same bytes).
        byte[] forged =
                Forgery.documentTimestamp(lta, LongTermAttacksTest.genuineAuthority(EXTENDED), (document, field) -> {
                    COSDictionary a =
                            (COSDictionary) firstTimestampValue(document).getObject();
                    COSDictionary copy = new COSDictionary();
                    for (COSName key : List.of(
                            COSName.TYPE, COSName.FILTER, COSName.SUB_FILTER, COSName.CONTENTS, COSName.BYTERANGE)) {
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

        LongTermAttacksTest.assertRejected(forged, ReasonCode.PDF_BYTE_RANGE_INVALID);
    }

    // ---------------------------------------------------------------- (c) long-term: CRLs in /DSS

    @Test
    void aDeltaCrlFromTheRootIsNoProofOfTheSignersStatus() throws Exception {
        // A delta CRL lists only changes since its base: not listing the signer proves nothing (RFC 5280 §5.2.4).
        X509CRL delta = crl(root.privateKey(), root.certificate(), EXTENDED, EXTENDED.plus(Duration.ofDays(7)), b -> {
            try {
                b.addExtension(
                        Extension.deltaCRLIndicator, true, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertNoLongTermProof(withCrl(issued, delta));
    }

    @Test
    void aCrlScopedToCaCertificatesIsNoProofOfTheSignersStatus() throws Exception {
        // An authority revocation list (issuing distribution point, onlyContainsCACerts) never lists an office.
        X509CRL arl = crl(root.privateKey(), root.certificate(), EXTENDED, EXTENDED.plus(Duration.ofDays(7)), b -> {
            try {
                b.addExtension(
                        Extension.issuingDistributionPoint,
                        true,
                        new IssuingDistributionPoint(null, false, true, null, false, false));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertNoLongTermProof(withCrl(issued, arl));
    }

    @Test
    void aCrlWhoseNextUpdatePrecedesItsThisUpdateIsNoProof() throws Exception {
        X509CRL backwards =
                crl(root.privateKey(), root.certificate(), EXTENDED, EXTENDED.minus(Duration.ofDays(7)), b -> {});

        assertNoLongTermProof(withCrl(issued, backwards));
    }

    @Test
    void aCrlFromAnotherRootWithTheSameNameIsNoProof() throws Exception {
        // A root rolled over keeps its name (DevelopmentPki.rootCertificate). The new root's CRL knows nothing of
        // the serial numbers of the old one's certificates; it must not prove their status.
        KeyPair keys = DevelopmentPki.newP256KeyPair();
        X509Certificate otherRoot = DevelopmentPki.rootCertificate(keys, true, ISSUED.minus(Duration.ofDays(1)));
        assertThat(otherRoot.getSubjectX500Principal())
                .isEqualTo(root.certificate().getSubjectX500Principal());
        X509CRL other = crl(keys.getPrivate(), otherRoot, EXTENDED, EXTENDED.plus(Duration.ofDays(7)), b -> {});
        List<X509Certificate> anchors =
                new ArrayList<>(LongTermAttacksTest.issuing.trustStore().anchors());
        anchors.add(otherRoot);
        TrustStore both = TrustStore.of(
                        anchors,
                        List.copyOf(LongTermAttacksTest.issuing
                                .trustStore()
                                .signers()
                                .values()))
                .withTimestampAnchors(LongTermAttacksTest.issuing.trustStore().timestampAnchors());

        PdfVerification verification = new PdfSignatureVerifier(both).verify(withCrl(issued, other), afterExpiry());

        assertThat(failedReasons(verification)).contains(ReasonCode.PDF_LONG_TERM_DATA_MISSING);
    }

    @Test
    void aGenuineCrlStillProvesTheStatusAfterExpiry() throws Exception {
        // Control: the same construction with a plain CRL of the root stays VALID after the signer's expiry.
        X509CRL plain =
                crl(root.privateKey(), root.certificate(), EXTENDED, EXTENDED.plus(Duration.ofDays(7)), b -> {});

        PdfVerification verification = new PdfSignatureVerifier(LongTermAttacksTest.issuing.trustStore())
                .verify(withCrl(issued, plain), afterExpiry());

        assertThat(failedReasons(verification)).isEmpty();
    }

    // ---------------------------------------------------------------- (d) the extender

    @Test
    void extendingAFileWhoseStoreIsAlreadyFullEitherWorksOrFailsCleanly() throws Exception {
        // A B-LT update (validation data is accepted from anyone) fills /Certs with 64 copies of the root: the file
        // verifies; extending it must not produce a file that no longer does.
        byte[] full = Forgery.incrementalUpdate(issued, document -> {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSArray certs = new COSArray();
            try {
                COSStream rootStream = derStream(document, root.certificate().getEncoded());
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
        assertThat(LongTermAttacksTest.verify(full).verdict()).isEqualTo(io.cachet.core.report.Verdict.VALID);
        var extending = new io.cachet.core.CachetServices(
                LongTermAttacksTest.issuing.home(),
                java.util.Optional.empty(),
                Map.of(),
                java.time.Clock.fixed(EXTENDED, java.time.ZoneOffset.UTC));

        PdfExtender.Extension extension = extending.pdfExtender().extend(full, PdfExtender.Level.LTA);

        assertThat(LongTermAttacksTest.verify(extension.pdf()).verdict())
                .isEqualTo(io.cachet.core.report.Verdict.VALID);
    }

    // ---------------------------------------------------------------- helpers

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

    static X509CRL crl(
            PrivateKey key,
            X509Certificate issuer,
            Instant thisUpdate,
            Instant nextUpdate,
            Consumer<X509v2CRLBuilder> more)
            throws Exception {
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer, Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        builder.addExtension(
                Extension.cRLNumber,
                false,
                new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
        more.accept(builder);
        return new JcaX509CRLConverter()
                .getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    static COSStream derStream(PDDocument document, byte[] der) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(der);
        }
        return stream;
    }

    /** A B-LT-like update whose /DSS holds only {@code crl}. */
    static byte[] withCrl(byte[] pdf, X509CRL crl) {
        return Forgery.incrementalUpdate(pdf, document -> {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSArray crls = new COSArray();
            try {
                crls.add(derStream(document, crl.getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            COSDictionary dss = new COSDictionary();
            dss.setItem(ValidationData.CRLS, crls);
            catalog.setItem(RevisionChanges.DSS, dss);
            return Set.of(catalog);
        });
    }

    static Instant afterExpiry() {
        return signer.getNotAfter().toInstant().plus(Duration.ofDays(1));
    }

    static void assertNoLongTermProof(byte[] pdf) {
        PdfVerification verification =
                new PdfSignatureVerifier(LongTermAttacksTest.issuing.trustStore()).verify(pdf, afterExpiry());
        assertThat(failedReasons(verification)).contains(ReasonCode.PDF_LONG_TERM_DATA_MISSING);
    }

    static List<ReasonCode> failedReasons(PdfVerification verification) {
        return verification.checks().stream()
                .filter(check -> check.outcome() == Check.Outcome.FAILED)
                .map(check -> check.reason().orElseThrow())
                .toList();
    }
}
