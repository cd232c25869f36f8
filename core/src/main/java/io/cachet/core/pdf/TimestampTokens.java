package io.cachet.core.pdf;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * RFC 3161 timestamp tokens as Cachet accepts them, whether a signature timestamp (PAdES B-T) or a document
 * timestamp (PAdES B-LTA): one token whose unsigned parts are exactly what a timestamp authority writes, signed by an
 * authority certificate that chains to a timestamp trust anchor (the anchor itself, or a path through the CA
 * certificates the token carries, each valid at {@code genTime}; see {@link TimestampPath}), whose signature and ESS
 * certificate identifier verify, whose authority was valid at {@code genTime} with the critical extended key usage
 * id-kp-timeStamping, and whose message imprint is the SHA-256 of the expected data.
 */
final class TimestampTokens {
    /** Why a token was refused, in words for the report. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    private TimestampTokens() {}

    /**
     * Verifies {@code token} (a CMS ContentInfo) as a timestamp over {@code sha256}, made by an authority that
     * chains to one of {@code anchors} (the timestamp trust anchors).
     */
    static PdfTimestamp verify(String kind, ContentInfo token, byte[] sha256, List<X509Certificate> anchors)
            throws Rejected {
        try {
            TimeStampToken parsed = new TimeStampToken(token);
            X509CertificateHolder authority = authority(parsed)
                    .orElseThrow(() -> new Rejected("the timestamp's unsigned parts are not exactly what a timestamp"
                            + " authority writes (one signer named by issuer and serial, its certificate and at most "
                            + TimestampPath.MAX_CARRIED_CERTIFICATES + " certificates in all, no CRLs)"));
            TimeStampTokenInfo info = parsed.getTimeStampInfo();
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            List<X509Certificate> carried = new java.util.ArrayList<>();
            for (X509CertificateHolder holder : parsed.getCertificates().getMatches(null)) {
                carried.add(converter.getCertificate(holder));
            }
            List<X509Certificate> path = TimestampPath.build(
                    converter.getCertificate(authority),
                    carried,
                    anchors,
                    info.getGenTime().toInstant());
            // Checks the token's signature, its ESS certificate identifier, the authority's validity at genTime
            // and its critical extended key usage id-kp-timeStamping (RFC 3161 §2.3).
            parsed.validate(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(io.cachet.core.crypto.Es256.bouncyCastleProvider())
                    .build(authority));
            if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())
                    || !MessageDigest.isEqual(sha256, info.getMessageImprintDigest())) {
                throw new Rejected("the timestamp's message imprint is not the SHA-256 of the data it must cover");
            }
            return new PdfTimestamp(kind, info.getGenTime().toInstant(), path);
        } catch (TimestampPath.Unanchored e) {
            throw new Rejected(e.getMessage());
        } catch (TSPException | IOException | CertificateException | OperatorCreationException | RuntimeException e) {
            throw new Rejected("the timestamp does not verify: " + e.getMessage());
        }
    }

    /**
     * The authority's certificate, when the token's unsigned parts are exactly what a timestamp authority writes
     * (RFC 5652 §5: SignedData version 3, digest set = the signer's digest algorithm, one SignerInfo named by issuer
     * and serial, exactly one carried certificate matching it, no CRLs, no unsigned attributes). Which anchor it
     * chains to is {@link TimestampPath}'s question.
     */
    @SuppressWarnings("unchecked")
    private static Optional<X509CertificateHolder> authority(TimeStampToken token) throws IOException {
        var data = token.toCMSSignedData();
        if (!CMSObjectIdentifiers.signedData.equals(data.toASN1Structure().getContentType())) {
            return Optional.empty();
        }
        SignedData signedData = SignedData.getInstance(data.toASN1Structure().getContent());
        if (!PKCSObjectIdentifiers.id_ct_TSTInfo.equals(
                        signedData.getEncapContentInfo().getContentType())
                || !(signedData.getEncapContentInfo().getContent() instanceof ASN1OctetString)
                || !attributesTaggedAsSpecified(
                        ASN1Sequence.getInstance(signedData.getSignerInfos().getObjectAt(0)), false)) {
            return Optional.empty();
        }
        if (!signedData.getVersion().hasValue(3)
                || signedData.getSignerInfos().size() != 1
                || signedData.getCRLs() != null
                || signedData.getDigestAlgorithms().size() != 1) {
            return Optional.empty();
        }
        SignerInfo signerInfo =
                SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0));
        AlgorithmIdentifier digest = signerInfo.getDigestAlgorithm();
        if (signerInfo.getUnauthenticatedAttributes() != null
                || !signerInfo.getVersion().hasValue(1)
                || !NISTObjectIdentifiers.id_sha256.equals(digest.getAlgorithm())
                || (digest.getParameters() != null && !DERNull.INSTANCE.equals(digest.getParameters()))
                || !Arrays.equals(
                        signedData
                                .getDigestAlgorithms()
                                .getObjectAt(0)
                                .toASN1Primitive()
                                .getEncoded(ASN1Encoding.DER),
                        digest.getEncoded(ASN1Encoding.DER))) {
            return Optional.empty();
        }
        Collection<X509CertificateHolder> matches = data.getCertificates().getMatches(token.getSID());
        // One signer certificate; the same one carried twice (an authority whose extra certificates include its own,
        // a common OpenSSL configuration) is still one, but two different ones would be ambiguous.
        if (matches.stream()
                                .map(X509CertificateHolder::toASN1Structure)
                                .distinct()
                                .count()
                        != 1
                || data.getCertificates().getMatches(null).size() > TimestampPath.MAX_CARRIED_CERTIFICATES) {
            return Optional.empty();
        }
        X509CertificateHolder certificate = matches.iterator().next();
        byte[] expectedSid = new IssuerAndSerialNumber(certificate.toASN1Structure()).getEncoded(ASN1Encoding.DER);
        if (!Arrays.equals(signerInfo.getSID().getId().toASN1Primitive().getEncoded(ASN1Encoding.DER), expectedSid)) {
            return Optional.empty();
        }
        return Optional.of(certificate);
    }

    /**
     * A raw SignerInfo (RFC 5652 §5.3) has its signed attributes as {@code [0]} at index 3 and, only where allowed,
     * unsigned attributes as {@code [1]} at index 6. Bouncy Castle reads any tag number there, so it is checked here.
     */
    static boolean attributesTaggedAsSpecified(ASN1Sequence signerInfo, boolean unsignedAllowed) {
        if (!(signerInfo.getObjectAt(3) instanceof ASN1TaggedObject signed) || signed.getTagNo() != 0) {
            return false;
        }
        if (signerInfo.size() == 6) {
            return true;
        }
        return unsignedAllowed
                && signerInfo.size() == 7
                && signerInfo.getObjectAt(6) instanceof ASN1TaggedObject unsigned
                && unsigned.getTagNo() == 1
                && !(signerInfo.getObjectAt(5) instanceof ASN1TaggedObject);
    }
}
