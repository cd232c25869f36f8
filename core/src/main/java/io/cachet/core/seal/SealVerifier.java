package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

import com.upokecenter.cbor.CBORObject;
import io.cachet.core.crypto.Es256;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.OfficeCertificates;
import io.cachet.core.keys.Revocation;
import io.cachet.core.keys.SigningTimeProof;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks a seal's text: layers, algorithm, key, signature, times (docs/seal-format.md §5). Never throws on bad
 * input: every failure is a {@link SealVerification.Rejected} with a reason code.
 */
public final class SealVerifier {
    /** When the signer certificate must have been valid. */
    public enum SignerValidity {
        /** At the seal's issue time: what matters for a certificate checked years later (Cachet's rule). */
        AT_ISSUE,
        /** At the time of the check: the EU DCC rule, for {@code seal decode} on HCERT-style codes. */
        AT_CHECK
    }

    /**
     * @param prefix the expected versioned prefix
     * @param clockSkew how far in the future an issue time may lie before it is refused
     * @param issuerIsKeyOffice the seal's issuer claim must be the office its signing certificate belongs to
     *     ({@link OfficeCertificates}): Cachet's rule, so that one office's key cannot speak for another
     */
    public record Policy(String prefix, Duration clockSkew, SignerValidity signerValidity, boolean issuerIsKeyOffice) {
        public static final Policy CACHET =
                new Policy(SealText.CACHET_PREFIX, Duration.ofMinutes(5), SignerValidity.AT_ISSUE, true);

        public Policy {
            requireNonNull(prefix, "prefix is null");
            requireNonNull(clockSkew, "clockSkew is null");
            requireNonNull(signerValidity, "signerValidity is null");
        }

        /** A policy for codes from other issuers (EU DCC), whose issuer claim is not bound to the key. */
        public Policy(String prefix, Duration clockSkew, SignerValidity signerValidity) {
            this(prefix, clockSkew, signerValidity, false);
        }
    }

    /**
     * Finds proof, from outside the seal, that an authentic seal existed at some time (a timestamp over the PDF that
     * carries it, a record in the issuer's registry). Asked only when the seal's key is revoked, after its signature
     * verified; never throws (no proof is {@link Optional#empty()}).
     */
    @FunctionalInterface
    public interface TimeProofs {
        /** No proof at all: a seal checked on its own. */
        TimeProofs NONE = claims -> Optional.empty();

        Optional<SigningTimeProof> find(CwtClaims claims);
    }

    private final TrustStore trust;
    private final TrustedSigners signers;
    private final Policy policy;

    public SealVerifier(TrustStore trust, Policy policy) {
        this.trust = requireNonNull(trust, "trust is null");
        this.signers = new TrustedSigners(trust);
        this.policy = requireNonNull(policy, "policy is null");
    }

    /** Checks a seal on its own: a seal whose key is revoked is rejected, whatever issue time it states. */
    public SealVerification verify(String text, Instant at) {
        return verify(text, at, TimeProofs.NONE);
    }

    /**
     * Checks a seal at {@code at}; when its key is revoked, the seal is authentic only if it states an issue time
     * before the revocation and {@code proofs} proves it existed before the revocation.
     */
    public SealVerification verify(String text, Instant at, TimeProofs proofs) {
        requireNonNull(proofs, "proofs is null");
        List<Check> checks = new ArrayList<>();
        try {
            return verify(text, at, proofs, checks);
        } catch (RuntimeException e) {
            // A safety net: every known malformation is mapped above; anything else is still a rejection, never a
            // crash.
            return reject(
                    checks,
                    CheckName.SEAL_FORMAT,
                    ReasonCode.CODE_COSE_MALFORMED,
                    "the seal's structure is not understood: " + e);
        }
    }

    private SealVerification verify(String text, Instant at, TimeProofs proofs, List<Check> checks) {
        CoseSign1 cose;
        try {
            SealText.Layers layers = SealText.decode(text, policy.prefix());
            cose = CoseSign1.parse(layers.cose());
            checks.add(Check.passed(
                    CheckName.SEAL_FORMAT,
                    "prefix, Base45" + (layers.compressed() ? ", zlib" : "") + " and COSE_Sign1 read"
                            + (SealText.hadLowerCase(text)
                                    ? " (the code was typed or scanned in lower case: read upper-cased)"
                                    : "")));
        } catch (SealFormatException e) {
            return reject(checks, CheckName.SEAL_FORMAT, e.reason(), e.getMessage());
        }

        Optional<CBORObject> alg = cose.protectedAlg();
        if (cose.unprotectedHasAlg()) {
            return reject(
                    checks,
                    CheckName.SEAL_ALGORITHM,
                    ReasonCode.ALG_NOT_ALLOWED,
                    "alg must not appear in the unprotected header");
        }
        if (alg.isEmpty()
                || !alg.get().isNumber()
                || !alg.get().AsNumber().CanFitInInt32()
                || alg.get().AsInt32Value() != CoseSign1.ALG_ES256) {
            return reject(
                    checks,
                    CheckName.SEAL_ALGORITHM,
                    ReasonCode.ALG_NOT_ALLOWED,
                    "only ES256 (-7) in the protected header is accepted, found "
                            + alg.map(Object::toString).orElse("none"));
        }
        checks.add(Check.passed(CheckName.SEAL_ALGORITHM, "ES256 in the protected header"));

        Optional<byte[]> kidBytes = cose.kid();
        if (kidBytes.isEmpty() || kidBytes.get().length != Kid.LENGTH) {
            return reject(checks, CheckName.SEAL_KEY, ReasonCode.UNKNOWN_KEY, "the seal carries no 8-byte key id");
        }
        Kid kid = new Kid(kidBytes.get());
        Optional<TrustedSigners.Signer> trusted = signers.find(kid);
        if (trusted.isEmpty()) {
            return reject(
                    checks,
                    CheckName.SEAL_KEY,
                    ReasonCode.UNKNOWN_KEY,
                    "no trusted signing key has kid " + HexFormat.of().formatHex(kidBytes.get()));
        }
        X509Certificate signer = trusted.get().certificate();
        checks.add(Check.passed(
                CheckName.SEAL_KEY, "kid " + kid.hex() + ": " + trusted.get().subject()));

        if (!Es256.verify(signer.getPublicKey(), cose.toBeSigned(), cose.signature())) {
            return reject(
                    checks,
                    CheckName.SEAL_SIGNATURE,
                    ReasonCode.SIGNATURE_INVALID,
                    "the ES256 signature does not verify with key " + kid.hex());
        }
        checks.add(Check.passed(CheckName.SEAL_SIGNATURE, "ES256 signature verified"));

        CwtClaims claims;
        try {
            claims = CwtClaims.parse(cose.payload());
        } catch (SealFormatException e) {
            return reject(checks, CheckName.SEAL_CLAIMS, e.reason(), e.getMessage());
        }

        if (policy.issuerIsKeyOffice()) {
            Optional<String> keyOffice = trusted.get().office();
            if (keyOffice.isEmpty() || !keyOffice.equals(claims.issuer())) {
                return reject(
                        checks,
                        CheckName.SEAL_ISSUER,
                        ReasonCode.SIGNER_OFFICE_MISMATCH,
                        "the seal names office " + claims.issuer().orElse("(none)") + " but key " + kid.hex()
                                + " belongs to "
                                + keyOffice.map(office -> "office " + office).orElse("no office"));
            }
            checks.add(
                    Check.passed(CheckName.SEAL_ISSUER, "issued by office " + keyOffice.get() + ", the key's office"));
        }

        Instant issuedAt = claims.issuedAt().orElse(null);
        if (issuedAt != null && issuedAt.isAfter(at.plus(policy.clockSkew()))) {
            return reject(
                    checks,
                    CheckName.SEAL_ISSUED_AT,
                    ReasonCode.ISSUED_IN_FUTURE,
                    "issued at " + issuedAt + ", after the check time " + at);
        }
        checks.add(
                issuedAt == null
                        ? Check.skipped(CheckName.SEAL_ISSUED_AT, "the seal has no issue time")
                        : Check.passed(CheckName.SEAL_ISSUED_AT, "issued at " + issuedAt));

        Optional<Revocation> revocation = trust.revocation(kid);
        if (revocation.isPresent()) {
            Revocation revoked = revocation.get();
            String revokedFrom = "key " + kid.hex() + " was revoked (" + revoked.reason() + ") from " + revoked.since();
            if (issuedAt == null || revoked.covers(issuedAt)) {
                return reject(
                        checks,
                        CheckName.SEAL_KEY_REVOCATION,
                        ReasonCode.KEY_REVOKED,
                        revokedFrom + "; this seal states it was issued at " + issuedAt);
            }
            // The issue time a seal states proves nothing once its key is revoked: whoever holds the key can backdate
            // a seal. Only proof from outside the seal spares it (docs/keys.md, "Compromise response").
            Optional<SigningTimeProof> proof = proofs.find(claims);
            if (!revoked.spares(proof)) {
                return reject(
                        checks,
                        CheckName.SEAL_KEY_REVOCATION,
                        ReasonCode.KEY_REVOKED,
                        revokedFrom + "; this seal states an earlier issue time (" + issuedAt + ") but "
                                + proof.map(found -> found.source() + " proves it existed only at " + found.provenAt())
                                        .orElse("nothing other than the seal proves it was made before (no timestamp,"
                                                + " no record in the issuer's registry)"));
            }
            checks.add(Check.passed(
                    CheckName.SEAL_KEY_REVOCATION,
                    revokedFrom + "; " + proof.get().source() + " proves this seal existed at "
                            + proof.get().provenAt()));
        } else {
            checks.add(Check.passed(CheckName.SEAL_KEY_REVOCATION, "key not revoked"));
        }

        Instant signerTime = policy.signerValidity() == SignerValidity.AT_ISSUE && issuedAt != null ? issuedAt : at;
        try {
            signer.checkValidity(Date.from(signerTime));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return reject(
                    checks,
                    CheckName.SEAL_SIGNER_VALIDITY,
                    ReasonCode.SIGNER_NOT_VALID_AT_ISSUE,
                    "the signing certificate (valid "
                            + signer.getNotBefore().toInstant() + " to "
                            + signer.getNotAfter().toInstant() + ") was not valid at " + signerTime);
        }
        checks.add(Check.passed(CheckName.SEAL_SIGNER_VALIDITY, "signing certificate valid at " + signerTime));

        if (claims.expiresAt().isPresent() && at.isAfter(claims.expiresAt().get())) {
            checks.add(Check.failed(
                    CheckName.SEAL_EXPIRY,
                    ReasonCode.EXPIRED,
                    "expired at " + claims.expiresAt().get()));
        } else {
            checks.add(
                    claims.expiresAt().isPresent()
                            ? Check.passed(
                                    CheckName.SEAL_EXPIRY,
                                    "valid until " + claims.expiresAt().get())
                            : Check.skipped(CheckName.SEAL_EXPIRY, "the seal has no expiry"));
        }
        return new SealVerification.Authentic(cose, claims, signer, checks);
    }

    private static SealVerification reject(List<Check> checks, CheckName name, ReasonCode reason, String detail) {
        checks.add(Check.failed(name, reason, detail));
        return new SealVerification.Rejected(reason, detail, checks);
    }
}
