package io.cachet.core.twodoc;

import io.cachet.core.crypto.Es256;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;

/**
 * Checks a decoded 2D-Doc's signature: ECDSA P-256 with SHA-256 over the header and message zone (§3.5.2). Whether
 * the certificate itself is trusted (its chain to an authority of the ANTS trust list, its validity, its revocation)
 * is the caller's concern.
 */
public final class TwoDocSignature {
    private TwoDocSignature() {}

    /** Verifies with {@code certificate}'s public key, whatever ids the header names. */
    public static TwoDocVerification verify(TwoDoc doc, X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        if (!(key instanceof ECPublicKey ec)
                || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            return new TwoDocVerification.Rejected(
                    TwoDocReason.UNSUPPORTED_KEY,
                    "the certificate " + certificate.getSubjectX500Principal().getName() + " holds a "
                            + key.getAlgorithm() + " key; 2D-Docs are verified here with ECDSA P-256 keys only");
        }
        if (!Es256.verify(key, doc.signedData(), doc.signature())) {
            return new TwoDocVerification.Rejected(
                    TwoDocReason.SIGNATURE_INVALID,
                    "the signature does not verify with the key of "
                            + certificate.getSubjectX500Principal().getName()
                            + ": the header or message was changed after signing, or another key signed it");
        }
        return new TwoDocVerification.Valid();
    }

    /** Verifies with {@code certificate} after checking that it is the one the header names. */
    public static TwoDocVerification verify(TwoDoc doc, TwoDocCertificate certificate) {
        TwoDocHeader header = doc.header();
        if (!header.caId().equals(certificate.caId()) || !header.certificateId().equals(certificate.certificateId())) {
            return new TwoDocVerification.Rejected(
                    TwoDocReason.CERTIFICATE_MISMATCH,
                    "the header names certificate " + header.caId() + "/" + header.certificateId()
                            + " but the certificate given is " + certificate.caId() + "/"
                            + certificate.certificateId());
        }
        return verify(doc, certificate.certificate());
    }
}
