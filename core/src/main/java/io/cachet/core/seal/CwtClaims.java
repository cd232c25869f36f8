package io.cachet.core.seal;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.cachet.core.report.ReasonCode;
import java.time.Instant;
import java.util.Optional;

/**
 * The registered claims of a CWT (RFC 8392 §3.1) that every seal of this layering carries, whatever its payload:
 * issuer (1), expiry (4) and issued-at (6). Times may be integers or floats (some EU DCC issuers use floats).
 */
public record CwtClaims(
        CBORObject map, Optional<String> issuer, Optional<Instant> issuedAt, Optional<Instant> expiresAt) {

    public static CwtClaims parse(byte[] payload) throws SealFormatException {
        CBORObject map;
        try {
            map = CoseSign1.decodeCbor(payload, "CWT payload");
        } catch (SealFormatException e) {
            throw new SealFormatException(ReasonCode.CODE_CLAIMS_MALFORMED, e.getMessage(), e);
        }
        if (map.getType() != CBORType.Map) {
            throw new SealFormatException(ReasonCode.CODE_CLAIMS_MALFORMED, "the CWT payload is not a map");
        }
        return new CwtClaims(
                map,
                SealClaimsCodec.optionalText(map, SealClaimsCodec.CLAIM_ISS),
                time(map, SealClaimsCodec.CLAIM_IAT, "issued-at"),
                time(map, SealClaimsCodec.CLAIM_EXP, "expiry"));
    }

    private static Optional<Instant> time(CBORObject map, int key, String what) throws SealFormatException {
        CBORObject value = map.get(CBORObject.FromObject(key));
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber() || value.isTagged()) {
            throw new SealFormatException(ReasonCode.CODE_CLAIMS_MALFORMED, "the " + what + " claim is not a number");
        }
        double seconds;
        if (value.getType() == CBORType.Integer) {
            if (!value.CanValueFitInInt64()) {
                throw new SealFormatException(
                        ReasonCode.CODE_CLAIMS_MALFORMED, "the " + what + " claim is out of range");
            }
            seconds = value.AsInt64Value();
        } else if (value.getType() == CBORType.FloatingPoint) {
            seconds = value.AsDoubleValue();
        } else {
            throw new SealFormatException(ReasonCode.CODE_CLAIMS_MALFORMED, "the " + what + " claim is not a number");
        }
        if (Double.isNaN(seconds) || seconds < 0 || seconds > 253402300799d) {
            throw new SealFormatException(ReasonCode.CODE_CLAIMS_MALFORMED, "the " + what + " claim is out of range");
        }
        return Optional.of(Instant.ofEpochSecond((long) Math.floor(seconds)));
    }
}
