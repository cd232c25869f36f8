package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;

/**
 * A signing certificate with the ids a 2D-Doc header names it by: what a trust list maps a CA id and certificate id
 * to (§3.3: "une référence est incluse dans l'en-tête … qui permet d'identifier de manière unique l'autorité de
 * certification et le certificat lui-même").
 */
public record TwoDocCertificate(String caId, String certificateId, X509Certificate certificate) {
    public TwoDocCertificate {
        requireNonNull(caId, "caId is null");
        requireNonNull(certificateId, "certificateId is null");
        requireNonNull(certificate, "certificate is null");
    }
}
