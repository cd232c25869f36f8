package io.cachet.core.pdf;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The certification path of a timestamp authority, from its certificate to a timestamp trust anchor, as it stood at
 * the token's {@code genTime}. An anchor is either the authority's own certificate (a TSA trusted directly) or a CA;
 * between them, only CA certificates the token itself carries (OpenSSL {@code ts -chain}, commercial authorities),
 * checked by the JDK's PKIX path builder (RFC 5280 §6: names, signatures, basic constraints, key usage, validity at
 * {@code genTime}; revocation is not checked here: a timestamp is proof of its time, see
 * {@link LongTermValidation}).
 *
 * <p>Every certificate the token carries must be the authority's own chain (its certificate, the CA that issued it,
 * that CA's issuer, and so on) or an anchor: an unsigned extra certificate has no business in a token and could
 * mislead a reader that picks certificates by name. The chain may reach above the anchor (an authority trusted
 * directly still sends its CAs).
 */
final class TimestampPath {
    /** The extended key usage every timestamp authority certificate carries (RFC 3161 §2.3). */
    private static final String ID_KP_TIME_STAMPING = KeyPurposeId.id_kp_timeStamping.getId();

    /** The longest path accepted: authority, up to three intermediate CAs, anchor. */
    private static final int MAX_INTERMEDIATES = 3;

    /** The most certificates a token may carry: the authority, its intermediates and its root, with room to spare. */
    static final int MAX_CARRIED_CERTIFICATES = 6;

    /** The authority does not chain to a timestamp trust anchor; the message says why, for the report. */
    static final class Unanchored extends Exception {
        private static final long serialVersionUID = 1L;

        Unanchored(String message) {
            super(message);
        }
    }

    private TimestampPath() {}

    /**
     * The path {@code authority, intermediates…, anchor} at {@code at}.
     *
     * @param carried every certificate in the token, the authority's included
     */
    static List<X509Certificate> build(
            X509Certificate authority, List<X509Certificate> carried, List<X509Certificate> anchors, Instant at)
            throws Unanchored {
        if (anchors.isEmpty()) {
            throw new Unanchored("no timestamp authority is trusted here (trust/tsa/ holds no anchor): the issuer's"
                    + " trust material names the authorities it uses");
        }
        List<X509Certificate> path =
                anchors.contains(authority) ? List.of(authority) : pathThroughCarried(authority, carried, anchors, at);
        List<X509Certificate> chain = issuerChain(authority, carried);
        for (X509Certificate certificate : carried) {
            if (!chain.contains(certificate) && !anchors.contains(certificate)) {
                throw new Unanchored("the timestamp carries a certificate that is not in its authority's chain: "
                        + certificate.getSubjectX500Principal().getName());
            }
        }
        return path;
    }

    /** The authority's certificate and its issuers found among the carried ones, each verifying the one below. */
    private static List<X509Certificate> issuerChain(X509Certificate authority, List<X509Certificate> carried) {
        List<X509Certificate> chain = new ArrayList<>(List.of(authority));
        X509Certificate current = authority;
        while (chain.size() <= carried.size()) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : carried) {
                if (!chain.contains(candidate) && issued(candidate, current)) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            current = issuer;
        }
        return chain;
    }

    private static boolean issued(X509Certificate issuer, X509Certificate certificate) {
        if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<X509Certificate> pathThroughCarried(
            X509Certificate authority, List<X509Certificate> carried, List<X509Certificate> anchors, Instant at)
            throws Unanchored {
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        anchors.forEach(anchor -> trustAnchors.add(new TrustAnchor(anchor, null)));
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(authority);
        try {
            target.setExtendedKeyUsage(Set.of(ID_KP_TIME_STAMPING));
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            parameters.setMaxPathLength(MAX_INTERMEDIATES);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(carried)));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult)
                    CertPathBuilder.getInstance("PKIX").build(parameters);
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(certificate -> path.add((X509Certificate) certificate));
            path.add(result.getTrustAnchor().getTrustedCert());
            return List.copyOf(path);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new Unanchored("the timestamp authority "
                    + authority.getSubjectX500Principal().getName()
                    + " (issued by " + authority.getIssuerX500Principal().getName() + ") has no valid path at " + at
                    + " to a trusted timestamp authority anchor (trust/tsa/): " + e.getMessage());
        }
    }
}
