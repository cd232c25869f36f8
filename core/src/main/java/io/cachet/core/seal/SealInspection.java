package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.report.ReasonCode;
import java.util.Optional;

/**
 * A seal seen layer by layer, for {@code cachet seal decode}: what could be read, and whether it verifies.
 *
 * @param layers the text layers, when the prefix and Base45 (and zlib) could be read
 * @param cose the COSE_Sign1 structure, when it parsed
 * @param claims the payload shown as JSON, when it is CBOR
 * @param verification the outcome of checking signature, key and times
 */
public record SealInspection(
        Optional<SealText.Layers> layers,
        Optional<CoseSign1> cose,
        Optional<JsonNode> claims,
        SealVerification verification) {
    public SealInspection {
        requireNonNull(layers, "layers is null");
        requireNonNull(cose, "cose is null");
        requireNonNull(claims, "claims is null");
        requireNonNull(verification, "verification is null");
    }

    /** True when the signature verified with a trusted key and the seal is current at the check time. */
    public boolean verified() {
        return verification instanceof SealVerification.Authentic authentic && !authentic.expired();
    }

    /** Why it does not verify, if it does not. */
    public Optional<ReasonCode> failure() {
        if (verification instanceof SealVerification.Rejected rejected) {
            return Optional.of(rejected.reason());
        }
        return verified() ? Optional.empty() : Optional.of(ReasonCode.EXPIRED);
    }
}
