package io.cachet.core.keys;

import static java.util.Objects.requireNonNull;

import io.cachet.core.crypto.Sha256;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A key identifier: the first 8 bytes of SHA-256 over the signer certificate's DER encoding (as in the EU DCC
 * specification, HCERT §3.3.1). Carried in the seal's protected header to find the verification key.
 */
public record Kid(byte[] bytes) {
    public static final int LENGTH = 8;

    public Kid {
        requireNonNull(bytes, "bytes is null");
        bytes = bytes.clone();
    }

    public static Kid of(X509Certificate certificate) {
        try {
            byte[] digest = Sha256.digest(certificate.getEncoded());
            return new Kid(Arrays.copyOf(digest, LENGTH));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the kid of " + certificate.getSubjectX500Principal(), e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Kid kid && Arrays.equals(bytes, kid.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
