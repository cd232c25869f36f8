package io.cachet.core.seal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;

/**
 * ECDSA P-256 with SHA-256 in the COSE signature format: the raw {@code r||s} concatenation, 32 bytes each (RFC
 * 9053 §2.1), not the DER encoding that {@code SHA256withECDSA} produces. The JDK's "P1363" variant speaks this
 * format directly, so no hand conversion (the most common HCERT bug) is needed.
 */
public final class Es256 {
    public static final int SIGNATURE_LENGTH = 64;
    private static final String ALGORITHM = "SHA256withECDSAinP1363Format";

    private Es256() {}

    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with ES256: " + e.getMessage(), e);
        }
    }

    /** True when {@code signature} is a valid 64-byte ES256 signature of {@code data} by a P-256 key. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH || !isP256(key)) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean isP256(PublicKey key) {
        return key instanceof ECPublicKey ec
                && ec.getParams().getCurve().getField().getFieldSize() == 256;
    }
}
