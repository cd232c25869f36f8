package io.cachet.core.pdf;

import static io.cachet.core.pdf.LongTermFiles.EXTENDED;
import static io.cachet.core.pdf.LongTermFiles.ISSUED;
import static io.cachet.core.pdf.LongTermFiles.failedReasons;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What proves, once the signer's certificate has expired, that it was not revoked when it signed
 * ({@link LongTermValidation}): CRLs in the file's /DSS that prove nothing of the signer (a delta CRL, an authority
 * revocation list, a CRL that ends before it starts, a CRL of another root with the same name) and a CRL entry whose
 * invalidity date precedes the signature; the exact expiry instants of the signer's and the authority's
 * certificates. A genuine CRL of the root stays the proof it should be.
 */
@ExtendWith(LongTermFilesExtension.class)
class LongTermProofAttacksTest {
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
    void aDeltaCrlFromTheRootIsNoProofOfTheSignersStatus() throws Exception {
        // A delta CRL lists only changes since its base: not listing the signer proves nothing (RFC 5280 §5.2.4).
        X509CRL delta = crl(
                files.root().privateKey(),
                files.root().certificate(),
                EXTENDED,
                EXTENDED.plus(Duration.ofDays(7)),
                b -> {
                    try {
                        b.addExtension(
                                Extension.deltaCRLIndicator,
                                true,
                                new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertNoLongTermProof(withCrl(issued, delta));
    }

    @Test
    void aCrlScopedToCaCertificatesIsNoProofOfTheSignersStatus() throws Exception {
        // An authority revocation list (issuing distribution point, onlyContainsCACerts) never lists an office.
        X509CRL arl = crl(
                files.root().privateKey(),
                files.root().certificate(),
                EXTENDED,
                EXTENDED.plus(Duration.ofDays(7)),
                b -> {
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
        X509CRL backwards = crl(
                files.root().privateKey(),
                files.root().certificate(),
                EXTENDED,
                EXTENDED.minus(Duration.ofDays(7)),
                b -> {});

        assertNoLongTermProof(withCrl(issued, backwards));
    }

    @Test
    void aCrlFromAnotherRootWithTheSameNameIsNoProof() throws Exception {
        // A root rolled over keeps its name (DevelopmentPki.rootCertificate). The new root's CRL knows nothing of
        // the serial numbers of the old one's certificates; it must not prove their status.
        KeyPair keys = DevelopmentPki.newP256KeyPair();
        X509Certificate otherRoot = DevelopmentPki.rootCertificate(keys, true, ISSUED.minus(Duration.ofDays(1)));
        assertThat(otherRoot.getSubjectX500Principal())
                .isEqualTo(files.root().certificate().getSubjectX500Principal());
        X509CRL other = crl(keys.getPrivate(), otherRoot, EXTENDED, EXTENDED.plus(Duration.ofDays(7)), b -> {});
        List<X509Certificate> anchors =
                new ArrayList<>(files.issuing().trustStore().anchors());
        anchors.add(otherRoot);
        TrustStore both = TrustStore.of(
                        anchors,
                        List.copyOf(files.issuing().trustStore().signers().values()))
                .withTimestampAnchors(files.issuing().trustStore().timestampAnchors());

        PdfVerification verification =
                new PdfSignatureVerifier(both).verify(withCrl(issued, other), files.afterExpiry());

        assertThat(failedReasons(verification)).contains(ReasonCode.PDF_LONG_TERM_DATA_MISSING);
    }

    @Test
    void aGenuineCrlStillProvesTheStatusAfterExpiry() throws Exception {
        // Control: the same construction with a plain CRL of the root stays VALID after the signer's expiry.
        X509CRL plain = crl(
                files.root().privateKey(),
                files.root().certificate(),
                EXTENDED,
                EXTENDED.plus(Duration.ofDays(7)),
                b -> {});

        PdfVerification verification = new PdfSignatureVerifier(files.issuing().trustStore())
                .verify(withCrl(issued, plain), files.afterExpiry());

        assertThat(failedReasons(verification)).isEmpty();
    }

    @Test
    void aCrlEntryWhoseInvalidityDatePrecedesTheSignatureIsARevocation() throws Exception {
        // The root revoked the office key after the signature (revocationDate), but states that the key was
        // compromised before it (invalidityDate, RFC 5280 §5.3.2, keyCompromise): whoever held the key then made
        // the signature. The file's own CRL contradicts the signature; only revocationDate is looked at.
        var signer = files.signer();
        X509CRL crl = crl(
                files.root().privateKey(),
                files.root().certificate(),
                EXTENDED,
                EXTENDED.plus(Duration.ofDays(7)),
                builder -> {
                    try {
                        ExtensionsGenerator entry = new ExtensionsGenerator();
                        entry.addExtension(Extension.reasonCode, false, CRLReason.lookup(CRLReason.keyCompromise));
                        entry.addExtension(
                                Extension.invalidityDate,
                                false,
                                new ASN1GeneralizedTime(Date.from(ISSUED.minus(Duration.ofDays(30)))));
                        builder.addCRLEntry(
                                signer.getSerialNumber(),
                                Date.from(ISSUED.plus(Duration.ofHours(1))),
                                entry.generate());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        byte[] forged = withCrl(issued, crl);

        files.assertRejected(forged, ReasonCode.KEY_REVOKED);
    }

    @Test
    void atExactlyTheSignersNotAfterABtFileStillVerifiesAndOneSecondLaterItCannot() {
        Instant notAfter = files.signer().getNotAfter().toInstant();
        PdfVerification atExpiry = files.verifier().verify(issued, notAfter);
        assertThat(failures(atExpiry)).isEmpty();
        PdfVerification after = files.verifier().verify(issued, notAfter.plusSeconds(1));
        assertThat(reasons(after)).contains(ReasonCode.PDF_LONG_TERM_DATA_MISSING);
    }

    @Test
    void atExactlyTheAuthoritysNotAfterAnLtFileStillVerifiesAndOneSecondLaterItCannot() {
        X509Certificate authority = files.verifier()
                .verify(lt, EXTENDED)
                .signature()
                .orElseThrow()
                .timestamps()
                .get(0)
                .authority();
        Instant notAfter = authority.getNotAfter().toInstant();
        PdfVerification atExpiry = files.verifier().verify(lt, notAfter);
        assertThat(failures(atExpiry)).isEmpty();
        PdfVerification after = files.verifier().verify(lt, notAfter.plusSeconds(1));
        assertThat(reasons(after)).contains(ReasonCode.PDF_LONG_TERM_DATA_MISSING);
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

    /** A B-LT-like update whose /DSS holds only {@code crl}. */
    static byte[] withCrl(byte[] pdf, X509CRL crl) {
        return Forgery.incrementalUpdate(pdf, document -> {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSArray crls = new COSArray();
            try {
                crls.add(Forgery.derStream(document, crl.getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            COSDictionary dss = new COSDictionary();
            dss.setItem(ValidationData.CRLS, crls);
            catalog.setItem(RevisionChanges.DSS, dss);
            return Set.of(catalog);
        });
    }

    static void assertNoLongTermProof(byte[] pdf) {
        PdfVerification verification =
                new PdfSignatureVerifier(files.issuing().trustStore()).verify(pdf, files.afterExpiry());
        assertThat(failedReasons(verification)).contains(ReasonCode.PDF_LONG_TERM_DATA_MISSING);
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
}
