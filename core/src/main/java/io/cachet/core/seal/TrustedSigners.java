package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

import io.cachet.core.keys.Kid;
import io.cachet.core.keys.OfficeCertificates;
import io.cachet.core.keys.TrustStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signers of a trust store as the seal verifier uses them, each worked out once: its subject's name as text and
 * its office, which cost more to read out of the certificate than the rest of a seal's checks but the signature.
 *
 * <p>Nothing here depends on a seal: a signer is the same certificate whatever code names its kid, and the trust
 * store is immutable (a verifier given new trust material builds a new {@link SealVerifier}). The time checks (the
 * certificate's validity at the time the seal asks for, the key's revocation) are made for every seal by the
 * verifier. Only kids that the trust store knows are kept, so codes carrying made-up kids cannot grow the cache.
 */
final class TrustedSigners {
    /** A trusted signer certificate with what the checks read of it. */
    static final class Signer {
        private final X509Certificate certificate;
        private final String subject;
        private volatile Optional<String> office;

        private Signer(X509Certificate certificate) {
            this.certificate = certificate;
            this.subject = certificate.getSubjectX500Principal().getName();
        }

        X509Certificate certificate() {
            return certificate;
        }

        /** The subject's distinguished name (RFC 2253), as the {@code seal.key} check shows it. */
        String subject() {
            return subject;
        }

        /**
         * The office the certificate belongs to ({@link OfficeCertificates#officeOf}), read on first use: only the
         * Cachet policy asks, and only after the signature verified.
         */
        Optional<String> office() {
            Optional<String> known = office;
            if (known == null) {
                known = OfficeCertificates.officeOf(certificate);
                office = known;
            }
            return known;
        }
    }

    private final TrustStore trust;
    private final Map<Kid, Signer> signers = new ConcurrentHashMap<>();

    TrustedSigners(TrustStore trust) {
        this.trust = requireNonNull(trust, "trust is null");
    }

    /** The trusted signer with this kid, if the trust store has one. */
    Optional<Signer> find(Kid kid) {
        Signer known = signers.get(kid);
        if (known != null) {
            return Optional.of(known);
        }
        return trust.signer(kid).map(certificate -> signers.computeIfAbsent(kid, k -> new Signer(certificate)));
    }
}
