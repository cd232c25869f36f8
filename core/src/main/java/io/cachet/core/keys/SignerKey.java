package io.cachet.core.keys;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An office's document-signing key with its certificate chain (signer first, root last). Signs both the seal in
 * the QR code and the PDF.
 */
public record SignerKey(String officeCode, PrivateKey privateKey, List<X509Certificate> chain) {
    public SignerKey {
        requireNonNull(officeCode, "officeCode is null");
        requireNonNull(privateKey, "privateKey is null");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public Kid kid() {
        return Kid.of(certificate());
    }
}
