package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.crypto.Sha256;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.Revocation;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.SignerInformation;

/**
 * The signature timestamp (PAdES B-T; RFC 3161): one token from an authority issued by a trust anchor (see
 * {@link TimestampTokens}) whose message imprint is the SHA-256 of this signature value, and at whose time the
 * signer's certificate was valid and its key not revoked. The time of the signature is the token's genTime, never
 * the PDF's /M. Adds the {@code pdf.timestamp} and {@code pdf.signer-validity} checks.
 */
final class SignatureTimestampCheck {
    private final TrustStore trust;

    SignatureTimestampCheck(TrustStore trust) {
        this.trust = requireNonNull(trust, "trust is null");
    }

    /** The verified timestamp of {@code signerInfo}, signed by {@code signer}; empty after a failed check. */
    Optional<PdfTimestamp> check(SignerInformation signerInfo, X509Certificate signer, List<Check> checks) {
        AttributeTable unsigned = signerInfo.getUnsignedAttributes();
        Attribute attribute =
                unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            checks.add(Check.failed(
                    CheckName.PDF_TIMESTAMP,
                    ReasonCode.PDF_TIMESTAMP_MISSING,
                    "the signature carries no signature timestamp (PAdES B-T)"));
            return Optional.empty();
        }
        PdfTimestamp timestamp;
        try {
            byte[] imprint = Sha256.digest(signerInfo.getSignature());
            timestamp = TimestampTokens.verify(
                    "signature",
                    ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)),
                    imprint,
                    trust.timestampAnchors());
        } catch (TimestampTokens.Rejected | RuntimeException e) {
            checks.add(Check.failed(CheckName.PDF_TIMESTAMP, ReasonCode.PDF_TIMESTAMP_INVALID, e.getMessage()));
            return Optional.empty();
        }
        Instant at = timestamp.at();
        checks.add(Check.passed(
                CheckName.PDF_TIMESTAMP,
                "signature timestamped at " + at + " by "
                        + timestamp.authority().getSubjectX500Principal().getName()));
        try {
            signer.checkValidity(Date.from(at));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            checks.add(Check.failed(
                    CheckName.PDF_SIGNER_VALIDITY,
                    ReasonCode.PDF_SIGNER_NOT_VALID_AT_SIGNING,
                    "the signing certificate, valid "
                            + signer.getNotBefore().toInstant() + " to "
                            + signer.getNotAfter().toInstant() + ", was not valid at " + at));
            return Optional.empty();
        }
        Optional<Revocation> revocation = trust.revocation(Kid.of(signer));
        if (revocation.isPresent() && revocation.get().covers(at)) {
            checks.add(Check.failed(
                    CheckName.PDF_SIGNER_VALIDITY,
                    ReasonCode.KEY_REVOKED,
                    "the signing key was revoked from " + revocation.get().since() + "; the PDF was signed at " + at));
            return Optional.empty();
        }
        checks.add(Check.passed(
                CheckName.PDF_SIGNER_VALIDITY,
                "the signing certificate was valid, and its key not revoked, at the timestamp's time"));
        return Optional.of(timestamp);
    }
}
