package io.cachet.core.twodoc;

import static java.util.Objects.requireNonNull;

import io.cachet.core.keys.Kid;
import java.security.cert.X509Certificate;
import java.util.Locale;

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

    /**
     * The certificate id of a Cachet office certificate: the first four hexadecimal digits of its key id ({@link
     * Kid}, the same as the QR seal's), in upper case. Issuer and verifier derive it the same way, so a verifier finds
     * the certificate among the office certificates it trusts without a table. Four hex digits leave 65,536 ids: two
     * offices may share one, so a verifier tries every trusted certificate with the id (docs/2d-doc.md).
     */
    public static String officeCertificateId(X509Certificate certificate) {
        return Kid.of(certificate).hex().substring(0, 4).toUpperCase(Locale.ROOT);
    }

    /** A Cachet office certificate under {@code caId}, with the certificate id derived from its key id. */
    public static TwoDocCertificate ofOffice(String caId, X509Certificate certificate) {
        return new TwoDocCertificate(caId, officeCertificateId(certificate), certificate);
    }
}
