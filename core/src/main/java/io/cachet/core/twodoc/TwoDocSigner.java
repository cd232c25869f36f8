package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

import io.cachet.core.crypto.Es256;
import io.cachet.core.keys.SignerKey;

/**
 * An office's signing key as a 2D-Doc signer: the key signs ECDSA P-256 with SHA-256, {@code r‖s} (§3.5.2), through
 * its token when it lives in one (PKCS#11: the private key never leaves it), exactly as the QR seal is signed.
 *
 * @param caId the certification authority id under which the key's certificate is known to 2D-Doc readers
 *     (configuration {@code twodoc.ca-id}, docs/2d-doc.md)
 * @param certificateId the key's certificate id under that authority (4 characters {@code [A-Z0-9]})
 */
public record TwoDocSigner(SignerKey key, String caId, String certificateId) {
    public TwoDocSigner {
        requireNonNull(key, "key is null");
        requireNonNull(caId, "caId is null");
        requireNonNull(certificateId, "certificateId is null");
        if (!caId.matches("[A-Z]{2}[A-Z0-9]{2}")) {
            throw new IllegalArgumentException("twodoc.ca-id '" + caId
                    + "' must be an ISO 3166 alpha-2 country and two characters [A-Z0-9], e.g. FR00");
        }
        if (!certificateId.matches("[A-Z0-9]{4}")) {
            throw new IllegalArgumentException(
                    "a 2D-Doc certificate id is 4 characters [A-Z0-9]: '" + certificateId + "'");
        }
    }

    /**
     * An office's key as 2D-Doc signer under {@code caId}, its certificate id derived from the key id ({@link
     * TwoDocCertificate#officeCertificateId}).
     */
    public static TwoDocSigner ofOffice(SignerKey key, String caId) {
        return new TwoDocSigner(key, caId, TwoDocCertificate.officeCertificateId(key.certificate()));
    }

    /** The 64-byte {@code r‖s} signature of {@code data}. */
    byte[] sign(byte[] data) {
        return key.provider().isPresent()
                ? Es256.sign(key.provider().get(), key.privateKey(), data)
                : Es256.sign(key.privateKey(), data);
    }
}
