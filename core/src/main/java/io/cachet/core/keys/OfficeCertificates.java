package io.cachet.core.keys;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The office a document-signing certificate belongs to: Cachet's root certifies each office key with the office
 * code as the subject's single organisational unit ({@code OU=PAR}, see {@link DevelopmentPki#officeCertificate}).
 * A seal or a status list signed with that key speaks for that office only.
 */
public final class OfficeCertificates {
    private OfficeCertificates() {}

    /** The office code of {@code certificate}, when its subject has exactly one OU. */
    public static Optional<String> officeOf(X509Certificate certificate) {
        RDN[] units = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.OU);
        if (units.length != 1 || units[0].isMultiValued()) {
            return Optional.empty();
        }
        return Optional.of(IETFUtils.valueToString(units[0].getFirst().getValue()));
    }
}
