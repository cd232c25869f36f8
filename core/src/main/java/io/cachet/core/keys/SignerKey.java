package io.cachet.core.keys;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * An office's document-signing key with its certificate chain (signer first, root last). Signs both the seal in
 * the QR code and the PDF.
 *
 * @param provider the security provider holding the key when it lives in a token (PKCS#11): signatures are then
 *     computed there and the private key never leaves it; empty for software keys
 */
public record SignerKey(
        String officeCode, PrivateKey privateKey, List<X509Certificate> chain, Optional<Provider> provider) {
    /** A software key. */
    public SignerKey(String officeCode, PrivateKey privateKey, List<X509Certificate> chain) {
        this(officeCode, privateKey, chain, Optional.empty());
    }

    public SignerKey {
        requireNonNull(officeCode, "officeCode is null");
        requireNonNull(privateKey, "privateKey is null");
        requireNonNull(provider, "provider is null");
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
