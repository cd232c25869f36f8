package io.cachet.core;

import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.seal.Holder;
import io.cachet.core.seal.SealClaims;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A root and one office signing key made for a test, without a home; and typical claims to seal. */
public record TestKeys(X509Certificate root, java.security.PrivateKey rootKey, SignerKey signer) {
    public static TestKeys create(Instant notBefore) {
        KeyPair rootKeys = DevelopmentPki.newP256KeyPair();
        X509Certificate root = DevelopmentPki.rootCertificate(rootKeys, true, notBefore);
        KeyPair keys = DevelopmentPki.newP256KeyPair();
        X509Certificate certificate = DevelopmentPki.officeCertificate(
                keys, "PAR", "Paris", root, rootKeys.getPrivate(), true, notBefore, "http://localhost/crl");
        return new TestKeys(
                root, rootKeys.getPrivate(), new SignerKey("PAR", keys.getPrivate(), List.of(certificate, root)));
    }

    public TrustStore trust() {
        return TrustStore.of(List.of(root), List.of(signer.certificate()));
    }

    /** Claims of a visa-validation certificate issued at {@code issuedAt}. */
    public static SealClaims visaClaims(Instant issuedAt, Instant expiresAt) {
        return new SealClaims(
                "PAR",
                "7K2M-9QXH-4TWD-R8NB-5",
                "visa-validation",
                issuedAt,
                Optional.of(expiresAt),
                new Holder("EL AMRANI", "Yasmine Fatima", "1994-07-21"),
                Map.of("vn", "FRA3019284", "vc", "salarié", "vd", "2026-10-14"));
    }
}
