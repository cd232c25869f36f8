package io.cachet.core.pdf;

import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Whether a verified signature still proves something now that certificates may have expired (the idea of ETSI EN
 * 319 102-1's validation of past signatures, reduced to Cachet's PKI of one root issuing offices and timestamp
 * authorities):
 *
 * <ul>
 *   <li>A timestamp is proof of its time while its authority's certificate is valid, or while a later document
 *       timestamp, made before that certificate expired, vouches for it. The last timestamp's authority must be
 *       valid now: before it expires, the file needs a new document timestamp ({@code cachet pdf extend --level
 *       LTA}).
 *   <li>While the signing certificate is valid, the verifier's own revocation list decides (checked with the
 *       signature). Once it has expired, a CA may drop it from its CRLs (RFC 5280 §3.3), so the file itself must
 *       prove it was not revoked when it was signed: a CRL in its {@code /DSS} from the certificate's issuer,
 *       issued after the signature and before the certificate expired, that does not list it as revoked at or
 *       before the signature (PAdES B-LT).
 * </ul>
 *
 * Without that proof the signature cannot be checked any more: {@link ReasonCode#PDF_LONG_TERM_DATA_MISSING}.
 */
final class LongTermValidation {
    private LongTermValidation() {}

    /** Adds the {@code pdf.long-term} check; true when it passed. */
    static boolean check(
            X509Certificate signer,
            List<PdfTimestamp> timestamps,
            ValidationData data,
            List<X509Certificate> anchors,
            Instant now,
            List<Check> checks) {
        Optional<String> timestampGap = timestampChainBroken(timestamps, now);
        if (timestampGap.isPresent()) {
            checks.add(
                    Check.failed(CheckName.PDF_LONG_TERM, ReasonCode.PDF_LONG_TERM_DATA_MISSING, timestampGap.get()));
            return false;
        }
        Instant signedAt = timestamps.get(0).at();
        Instant expiry = signer.getNotAfter().toInstant();
        Optional<Instant> revokedBefore = revokedAtOrBefore(signer, signedAt, data, anchors);
        if (revokedBefore.isPresent()) {
            checks.add(Check.failed(
                    CheckName.PDF_LONG_TERM,
                    ReasonCode.KEY_REVOKED,
                    "a CRL in the file lists the signing certificate as revoked on " + revokedBefore.get()
                            + ", before the signature (" + signedAt + ")"));
            return false;
        }
        if (!now.isAfter(expiry)) {
            checks.add(Check.passed(
                    CheckName.PDF_LONG_TERM,
                    "the signing certificate is valid until " + expiry + "; the last timestamp's authority until "
                            + last(timestamps).authority().getNotAfter().toInstant()));
            return true;
        }
        Optional<X509CRL> proof = data.crls().stream()
                .filter(crl -> provesNotRevoked(crl, signer, signedAt, anchors))
                .findFirst();
        if (proof.isEmpty()) {
            checks.add(Check.failed(
                    CheckName.PDF_LONG_TERM,
                    ReasonCode.PDF_LONG_TERM_DATA_MISSING,
                    "the signing certificate expired on " + expiry + " and the file carries no CRL from its issuer,"
                            + " issued between the signature (" + signedAt + ") and that date, to prove it was not"
                            + " revoked when it signed: the file was not extended (cachet pdf extend) in time"));
            return false;
        }
        checks.add(Check.passed(
                CheckName.PDF_LONG_TERM,
                "the signing certificate expired on " + expiry + "; the CRL in the file, issued on "
                        + proof.get().getThisUpdate().toInstant() + " after the signature, shows it was not revoked"
                        + " when it signed"));
        return true;
    }

    /**
     * When a CRL in the file, signed by the signer's issuer, lists the signer as revoked at or before the signature:
     * that date. Whatever the certificate's expiry, the file must not contradict the signature.
     */
    private static Optional<Instant> revokedAtOrBefore(
            X509Certificate signer, Instant signedAt, ValidationData data, List<X509Certificate> anchors) {
        for (X509CRL crl : data.crls()) {
            X509CRLEntry entry = crl.getRevokedCertificate(signer);
            if (entry != null) {
                Instant effective = effectiveRevocation(entry);
                if (!effective.isAfter(signedAt) && signedByIssuer(crl, signer, anchors)) {
                    return Optional.of(effective);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * When a revocation takes effect: its date, or the entry's invalidity date when earlier (RFC 5280 §5.3.2: when
     * the key is known or suspected to have been compromised). An invalidity date that cannot be read counts as the
     * earliest moment: a revocation the verifier cannot date voids every signature.
     */
    static Instant effectiveRevocation(X509CRLEntry entry) {
        Instant revoked = entry.getRevocationDate().toInstant();
        byte[] extension = entry.getExtensionValue(Extension.invalidityDate.getId());
        if (extension == null) {
            return revoked;
        }
        try {
            Instant invalid = org.bouncycastle.asn1.ASN1GeneralizedTime.getInstance(
                            JcaX509ExtensionUtils.parseExtensionValue(extension))
                    .getDate()
                    .toInstant();
            return invalid.isBefore(revoked) ? invalid : revoked;
        } catch (java.io.IOException | java.text.ParseException | RuntimeException e) {
            return Instant.MIN;
        }
    }

    /**
     * Empty when every timestamp is vouched for: each authority was still valid when the next timestamp was made,
     * and the last one's is valid now.
     */
    private static Optional<String> timestampChainBroken(List<PdfTimestamp> timestamps, Instant now) {
        for (int i = 0; i < timestamps.size(); i++) {
            PdfTimestamp timestamp = timestamps.get(i);
            Instant authorityExpiry = timestamp.authority().getNotAfter().toInstant();
            Instant vouchedUntil =
                    i + 1 < timestamps.size() ? timestamps.get(i + 1).at() : now;
            if (vouchedUntil.isAfter(authorityExpiry)) {
                return Optional.of("the authority of the " + timestamp.kind() + " timestamp of " + timestamp.at()
                        + " expired on " + authorityExpiry
                        + (i + 1 < timestamps.size()
                                ? ", before the next document timestamp (" + vouchedUntil + ") renewed it"
                                : ", and no later document timestamp renews it (cachet pdf extend --level LTA must"
                                        + " run before the authority's certificate expires)"));
            }
        }
        return Optional.empty();
    }

    /**
     * The CRL is a complete CRL of the anchor that issued the signer (whose signature on it verifies), issued after
     * the signature (to the second: CRL times have no fractions) and no later than the certificate's expiry.
     */
    static boolean provesNotRevoked(
            X509CRL crl, X509Certificate signer, Instant signedAt, List<X509Certificate> anchors) {
        Instant issued = crl.getThisUpdate().toInstant();
        if (issued.isBefore(signedAt.truncatedTo(ChronoUnit.SECONDS))
                || issued.isAfter(signer.getNotAfter().toInstant())) {
            return false;
        }
        return isComplete(crl) && signedByIssuer(crl, signer, anchors);
    }

    /**
     * A complete v2 CRL for end-entity certificates (RFC 5280 §5): a next update after this one, no delta-CRL
     * indicator, no issuing distribution point narrowing its scope (CA or attribute certificates only, some reasons
     * only, indirect), no critical extension it does not understand. Anything narrower proves nothing about an
     * office certificate missing from it.
     */
    static boolean isComplete(X509CRL crl) {
        if (crl.getVersion() != 2
                || crl.getNextUpdate() == null
                || !crl.getNextUpdate().after(crl.getThisUpdate())
                || crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null) {
            return false;
        }
        Set<String> critical = crl.getCriticalExtensionOIDs();
        if (critical != null
                && !Set.of(Extension.issuingDistributionPoint.getId()).containsAll(critical)) {
            return false;
        }
        byte[] idp = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
        if (idp == null) {
            return true;
        }
        try {
            IssuingDistributionPoint scope =
                    IssuingDistributionPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(idp));
            return !scope.onlyContainsCACerts()
                    && !scope.onlyContainsAttributeCerts()
                    && scope.getOnlySomeReasons() == null
                    && !scope.isIndirectCRL();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The CRL is signed by the very anchor that issued {@code certificate}, found by its signature on the
     * certificate, not by name (two roots may share a name across a rollover).
     */
    private static boolean signedByIssuer(X509CRL crl, X509Certificate certificate, List<X509Certificate> anchors) {
        for (X509Certificate anchor : anchors) {
            if (!anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    || !anchor.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(anchor.getPublicKey());
            } catch (GeneralSecurityException e) {
                continue;
            }
            try {
                crl.verify(anchor.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
        return false;
    }

    private static PdfTimestamp last(List<PdfTimestamp> timestamps) {
        return timestamps.get(timestamps.size() - 1);
    }
}
