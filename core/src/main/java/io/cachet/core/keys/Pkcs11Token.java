package io.cachet.core.keys;

import io.cachet.core.CachetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An HSM (or SoftHSM2) reached through PKCS#11 with the JDK's SunPKCS11 provider, configured by a SunPKCS11
 * configuration file ({@code name}, {@code library}, {@code slot} or {@code slotListIndex}). Keys are generated
 * inside the token and never leave it: signing happens there.
 */
public final class Pkcs11Token {
    /** The environment variable that holds the token's user PIN. */
    public static final String PIN_VARIABLE = "CACHET_HSM_PIN";

    private final Provider provider;
    private final KeyStore store;

    private Pkcs11Token(Provider provider, KeyStore store) {
        this.provider = provider;
        this.store = store;
    }

    /** Logs in to the token described by {@code configFile}. */
    public static Pkcs11Token open(Path configFile, char[] pin) {
        if (!Files.isRegularFile(configFile)) {
            throw CachetException.configuration("PKCS#11 configuration file not found: " + configFile);
        }
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw CachetException.configuration(
                    "this Java runtime has no SunPKCS11 provider: PKCS#11 tokens cannot be used");
        }
        Provider provider;
        try {
            provider = base.configure(configFile.toAbsolutePath().toString());
        } catch (RuntimeException e) {
            throw CachetException.configuration(
                    "cannot open the PKCS#11 token of " + configFile + ": " + rootMessage(e)
                            + " (check the library path and slot; for SoftHSM2, SOFTHSM2_CONF)",
                    e);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            return new Pkcs11Token(provider, store);
        } catch (IOException e) {
            throw CachetException.configuration(
                    "cannot log in to the PKCS#11 token of " + configFile + ": wrong " + PIN_VARIABLE + "? ("
                            + rootMessage(e) + ")",
                    e);
        } catch (GeneralSecurityException e) {
            throw CachetException.configuration(
                    "cannot use the PKCS#11 token of " + configFile + ": " + rootMessage(e), e);
        }
    }

    /** A new ECDSA P-256 key pair generated inside the token (the private key is not extractable). */
    public KeyPair generateP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw CachetException.internal("the token cannot generate an ECDSA P-256 key: " + e.getMessage(), e);
        }
    }

    /** Stores the certificate chain with the token's private key under {@code alias}. */
    public void store(String alias, PrivateKey key, List<X509Certificate> chain) {
        try {
            store.setKeyEntry(alias, key, null, chain.toArray(new Certificate[0]));
        } catch (GeneralSecurityException e) {
            throw CachetException.internal("cannot store the key " + alias + " in the token: " + e.getMessage(), e);
        }
    }

    /** The signing key {@code alias} of {@code office}, for signing inside the token. */
    public SignerKey signerKey(String office, String alias) {
        try {
            Key key = store.getKey(alias, null);
            Certificate[] certificates = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || certificates == null) {
                throw CachetException.configuration(
                        "the PKCS#11 token has no key and certificate named '" + alias + "'");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : certificates) {
                chain.add((X509Certificate) certificate);
            }
            return new SignerKey(office, privateKey, chain, Optional.of(provider));
        } catch (GeneralSecurityException e) {
            throw CachetException.configuration("cannot read key '" + alias + "' from the token: " + e.getMessage(), e);
        }
    }

    public Provider provider() {
        return provider;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
