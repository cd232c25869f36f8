package io.cachet.core.pdf;

import io.cachet.core.crypto.Sha256;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * The parts of a PDF signature's CMS that its signature value does not cover, judged against what Cachet writes:
 * each method reads one part and says whether it is exactly as expected. The checks that report them are in
 * {@link CmsSignatureCheck}.
 */
final class CmsStrictness {
    private CmsStrictness() {}

    /**
     * The parts of a CMS SignedData that its signature does not cover must still be exactly what Cachet writes
     * (RFC 5652 §5; ETSI EN 319 142-1 §5.3 for content-type id-data), so that no byte of a signed PDF can change
     * unnoticed: version 1, digest algorithms {SHA-256}, detached id-data content, no CRLs, signer identified by
     * issuer and serial, content-type attribute id-data, no unsigned attribute but one signature timestamp.
     * Empty when it is; otherwise what is not.
     */
    static Optional<String> unexpectedStructure(CMSSignedData data, SignerInformation signerInfo, byte[] cms) {
        String sha256 = NISTObjectIdentifiers.id_sha256.getId();
        try {
            // DER has exactly one encoding per value: any other byte sequence for the same CMS is refused.
            if (!Arrays.equals(data.toASN1Structure().getEncoded(ASN1Encoding.DER), cms)) {
                return Optional.of("the CMS is not DER-encoded");
            }
            ASN1Sequence rawSignerInfo = ASN1Sequence.getInstance(firstRawSignerInfo(data));
            if (!TimestampTokens.attributesTaggedAsSpecified(rawSignerInfo, true)) {
                return Optional.of("the SignerInfo's attributes are not tagged [0] signed and [1] unsigned");
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.of("the CMS structure cannot be read: " + e.getMessage());
        }
        if (!CMSObjectIdentifiers.signedData.equals(data.toASN1Structure().getContentType())) {
            return Optional.of("the CMS content type is not signedData");
        }
        if (data.getVersion() != 1) {
            return Optional.of("the CMS SignedData version is " + data.getVersion() + ", expected 1");
        }
        var digestAlgorithms = data.getDigestAlgorithmIDs();
        if (digestAlgorithms.size() != 1
                || !digestAlgorithms.iterator().next().getAlgorithm().getId().equals(sha256)
                || !signerInfo.getDigestAlgOID().equals(sha256)) {
            return Optional.of("the CMS digest algorithms are not exactly SHA-256");
        }
        if (!CMSObjectIdentifiers.data.getId().equals(data.getSignedContentTypeOID())
                || data.getSignedContent() == null) {
            return Optional.of("the CMS does not sign detached id-data content");
        }
        if (!data.getCRLs().getMatches(null).isEmpty()
                || !data.getAttributeCertificates().getMatches(null).isEmpty()) {
            return Optional.of("the CMS carries CRLs or attribute certificates");
        }
        if (signerInfo.getVersion() != 1 || !CMSObjectIdentifiers.data.equals(signerInfo.getContentType())) {
            return Optional.of("the SignerInfo is not version 1 with content-type id-data");
        }
        if (!unsignedAttributesAtMostOneTimestamp(signerInfo)) {
            return Optional.of("the SignerInfo's unsigned attributes are not exactly one signature timestamp");
        }
        return Optional.empty();
    }

    /** No unsigned attributes, or exactly one: a signature timestamp with one value. */
    private static boolean unsignedAttributesAtMostOneTimestamp(SignerInformation signerInfo) {
        AttributeTable unsigned = signerInfo.getUnsignedAttributes();
        if (unsigned == null) {
            return true;
        }
        ASN1EncodableVector attributes = unsigned.toASN1EncodableVector();
        return attributes.size() == 1
                && PKCSObjectIdentifiers.id_aa_signatureTimeStampToken.equals(
                        Attribute.getInstance(attributes.get(0)).getAttrType())
                && Attribute.getInstance(attributes.get(0)).getAttrValues().size() == 1;
    }

    /**
     * The signer identifier is not signed: it must name {@code certificate} byte for byte (issuer and serial, DER),
     * not just match it.
     */
    static boolean signerIdentifierNamesExactly(CMSSignedData data, X509Certificate certificate) {
        try {
            SignerInfo raw = SignerInfo.getInstance(firstRawSignerInfo(data));
            byte[] carried = raw.getSID().getId().toASN1Primitive().getEncoded(ASN1Encoding.DER);
            byte[] expected = new IssuerAndSerialNumber(Certificate.getInstance(certificate.getEncoded()))
                    .getEncoded(ASN1Encoding.DER);
            return Arrays.equals(carried, expected);
        } catch (java.io.IOException | CertificateEncodingException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The signed signing-certificate-v2 attribute (RFC 5035; ETSI EN 319 122-1 §5.2.2) is one value whose first
     * ESSCertIDv2 is the SHA-256 of {@code certificate}.
     */
    static boolean signingCertificateV2Matches(SignerInformation signerInfo, X509Certificate certificate) {
        if (signerInfo.getSignedAttributes() == null) {
            return false;
        }
        Attribute attribute = signerInfo.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return false;
        }
        try {
            ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
            ESSCertIDv2[] ids = SigningCertificateV2.getInstance(value).getCerts();
            if (ids.length == 0
                    || !NISTObjectIdentifiers.id_sha256
                            .getId()
                            .equals(ids[0].getHashAlgorithm().getAlgorithm().getId())) {
                return false;
            }
            byte[] expected = Sha256.digest(certificate.getEncoded());
            return MessageDigest.isEqual(expected, ids[0].getCertHash());
        } catch (CertificateEncodingException | RuntimeException e) {
            return false;
        }
    }

    private static ASN1Encodable firstRawSignerInfo(CMSSignedData data) {
        return SignedData.getInstance(data.toASN1Structure().getContent())
                .getSignerInfos()
                .getObjectAt(0);
    }
}
