package io.cachet.core.keys;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
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

    /**
     * The office's name in {@code certificate}: its common name without the {@code " (CODE)"} that Cachet's
     * certificates end it with ({@code "OFII Paris (PAR)"} → {@code "OFII Paris"}); empty when it has no common name.
     */
    public static Optional<String> nameOf(X509Certificate certificate) {
        RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN);
        if (names.length != 1 || names[0].isMultiValued()) {
            return Optional.empty();
        }
        if (!(names[0].getFirst().getValue() instanceof ASN1String text)) {
            return Optional.empty();
        }
        String name = text.getString();
        Optional<String> office = officeOf(certificate);
        if (office.isPresent() && name.endsWith(" (" + office.get() + ")")) {
            name = name.substring(0, name.length() - office.get().length() - 3);
        }
        return name.isBlank() ? Optional.empty() : Optional.of(name.strip());
    }
}
