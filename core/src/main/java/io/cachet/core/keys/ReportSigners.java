package io.cachet.core.keys;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The role of a verifier's key: it signs verification reports and nothing else. The root certifies it with the
 * extended key usage {@link #PURPOSE} (and never with an office code); an office key never carries it. A verifier
 * accepts a report only from such a certificate, and a seal or a certificate PDF never from one ({@link TrustStore}
 * keeps the two apart).
 *
 * <p>The purpose's OID is under {@code 2.25} (ITU-T X.667: an OID made from a UUID, unique without registration).
 */
public final class ReportSigners {
    /** Extended key usage "signs Cachet verification reports". */
    public static final ASN1ObjectIdentifier PURPOSE =
            new ASN1ObjectIdentifier("2.25.304180312935404200283018430816383257400.1");

    private ReportSigners() {}

    /** True when {@code certificate} is an end-entity certificate whose extended key usages include {@link #PURPOSE}. */
    public static boolean isReportSigner(X509Certificate certificate) {
        if (certificate.getBasicConstraints() >= 0) {
            return false;
        }
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            return purposes != null && purposes.contains(PURPOSE.getId());
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** The verifier's name: its certificate's common name, when it has exactly one. */
    public static Optional<String> nameOf(X509Certificate certificate) {
        RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN);
        if (names.length != 1
                || names[0].isMultiValued()
                || !(names[0].getFirst().getValue() instanceof ASN1String text)) {
            return Optional.empty();
        }
        return Optional.of(text.getString());
    }
}
