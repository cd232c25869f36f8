package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.crypto.Es256;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The CMS inside a PDF signature's {@code /Contents} (PAdES B-B, ETSI EN 319 142-1 §5.3): one SignerInfo, the
 * unsigned parts exactly as Cachet writes them ({@link CmsStrictness}), one trusted signer certificate named exactly
 * by the signer identifier and the signing-certificate-v2 attribute, a signature that verifies over the signed
 * bytes, then its signature timestamp ({@link SignatureTimestampCheck}). Adds the {@code pdf.signature-format},
 * {@code pdf.signer} and {@code pdf.signature} checks.
 */
final class CmsSignatureCheck {
    private final TrustStore trust;
    private final SignatureTimestampCheck timestamp;

    CmsSignatureCheck(TrustStore trust) {
        this.trust = requireNonNull(trust, "trust is null");
        this.timestamp = new SignatureTimestampCheck(trust);
    }

    /**
     * Checks {@code cms} (without its padding) over {@code signedBytes}, the bytes of the file before {@code end} but
     * the /Contents gap. Empty after a failed check.
     */
    @SuppressWarnings("unchecked")
    Optional<SignedRevision> check(byte[] cms, byte[] signedBytes, int end, List<Check> checks) {
        try {
            CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(signedBytes), cms);
            Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                checks.add(Check.failed(
                        CheckName.PDF_SIGNATURE_FORMAT,
                        ReasonCode.PDF_SIGNATURE_FORMAT,
                        "the CMS has " + signers.size() + " SignerInfos; exactly one is expected"));
                return Optional.empty();
            }
            SignerInformation signerInfo = signers.iterator().next();
            Optional<String> structure = CmsStrictness.unexpectedStructure(data, signerInfo, cms);
            if (structure.isPresent()) {
                checks.add(
                        Check.failed(CheckName.PDF_SIGNATURE_FORMAT, ReasonCode.PDF_SIGNATURE_FORMAT, structure.get()));
                return Optional.empty();
            }
            Collection<X509CertificateHolder> matches = data.getCertificates().getMatches(signerInfo.getSID());
            if (matches.size() != 1) {
                checks.add(Check.failed(
                        CheckName.PDF_SIGNER,
                        ReasonCode.PDF_SIGNATURE_FORMAT,
                        "the CMS does not carry exactly one signer certificate"));
                return Optional.empty();
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(matches.iterator().next());
            if (!CmsStrictness.signerIdentifierNamesExactly(data, certificate)) {
                checks.add(Check.failed(
                        CheckName.PDF_SIGNER,
                        ReasonCode.PDF_SIGNATURE_FORMAT,
                        "the signer identifier does not name the signing certificate exactly"));
                return Optional.empty();
            }
            if (!trust.trustsSigner(certificate)) {
                checks.add(Check.failed(
                        CheckName.PDF_SIGNER,
                        ReasonCode.PDF_SIGNER_UNTRUSTED,
                        "signed by " + certificate.getSubjectX500Principal().getName()
                                + ", which is not a trusted Cachet signer"));
                return Optional.empty();
            }
            for (X509CertificateHolder carried :
                    (Collection<X509CertificateHolder>) data.getCertificates().getMatches(null)) {
                X509Certificate other = new JcaX509CertificateConverter().getCertificate(carried);
                if (!other.equals(certificate) && !trust.anchors().contains(other)) {
                    checks.add(Check.failed(
                            CheckName.PDF_SIGNER,
                            ReasonCode.PDF_SIGNATURE_FORMAT,
                            "the signature carries a certificate that is neither its signer nor a trust anchor: "
                                    + other.getSubjectX500Principal().getName()));
                    return Optional.empty();
                }
            }
            checks.add(Check.passed(
                    CheckName.PDF_SIGNER,
                    "signed by " + certificate.getSubjectX500Principal().getName()));
            if (!CmsStrictness.signingCertificateV2Matches(signerInfo, certificate)) {
                checks.add(Check.failed(
                        CheckName.PDF_SIGNATURE_FORMAT,
                        ReasonCode.PDF_SIGNATURE_FORMAT,
                        "the signing-certificate-v2 attribute is missing or names another certificate"));
                return Optional.empty();
            }
            if (!signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(Es256.bouncyCastleProvider())
                    .build(certificate))) {
                checks.add(Check.failed(
                        CheckName.PDF_SIGNATURE,
                        ReasonCode.PDF_SIGNATURE_INVALID,
                        "the signature does not verify over the signed bytes"));
                return Optional.empty();
            }
            checks.add(Check.passed(CheckName.PDF_SIGNATURE, "PAdES signature verified over the signed bytes"));
            return timestamp.check(signerInfo, certificate, checks).map(at -> new SignedRevision(certificate, at, end));
        } catch (CMSException | CertificateException | OperatorCreationException | RuntimeException e) {
            checks.add(Check.failed(
                    CheckName.PDF_SIGNATURE,
                    ReasonCode.PDF_SIGNATURE_INVALID,
                    "the signature does not verify: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
