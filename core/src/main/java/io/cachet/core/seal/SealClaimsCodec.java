package io.cachet.core.seal;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.cachet.core.report.ReasonCode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Cachet's claims inside a CWT (RFC 8392), integer keys only where they are fixed (docs/seal-format.md §2):
 *
 * <pre>
 * CWT map: 1 iss (text), 4 exp (int, optional), 6 iat (int), -65537 cachet (map):
 *   1 format version (int, 1)   2 certificate id (text)   3 type (text)
 *   4 family name (text)        5 given names (text)       6 birth date (text)
 *   7 type fields (map text → text, optional)
 * </pre>
 *
 * -65537 lies in the CWT claims registry's private-use range (RFC 8392 §9.1: integers below -65536). An optional
 * status reference follows the IETF Token Status List draft: claim 65535 {@code status} =
 * {@code {"status_list": {"idx": uint, "uri": text}}}.
 */
public final class SealClaimsCodec {
    public static final int CLAIM_ISS = 1;
    public static final int CLAIM_EXP = 4;
    public static final int CLAIM_IAT = 6;
    public static final int CLAIM_CACHET = -65537;
    public static final int CLAIM_STATUS = 65535;
    public static final int FORMAT_VERSION = 1;

    private static final int VERSION = 1;
    private static final int ID = 2;
    private static final int TYPE = 3;
    private static final int FAMILY_NAME = 4;
    private static final int GIVEN_NAMES = 5;
    private static final int BIRTH_DATE = 6;
    private static final int FIELDS = 7;

    private SealClaimsCodec() {}

    public static byte[] encode(SealClaims claims) {
        CBORObject cachet = CBORObject.NewOrderedMap()
                .Add(VERSION, FORMAT_VERSION)
                .Add(ID, claims.id())
                .Add(TYPE, claims.type())
                .Add(FAMILY_NAME, claims.holder().familyName())
                .Add(GIVEN_NAMES, claims.holder().givenNames())
                .Add(BIRTH_DATE, claims.holder().birthDate());
        if (!claims.fields().isEmpty()) {
            CBORObject fields = CBORObject.NewOrderedMap();
            claims.fields().forEach(fields::Add);
            cachet.Add(FIELDS, fields);
        }
        CBORObject cwt = CBORObject.NewOrderedMap().Add(CLAIM_ISS, claims.issuer());
        claims.expiresAt().ifPresent(exp -> cwt.Add(CLAIM_EXP, exp.getEpochSecond()));
        cwt.Add(CLAIM_IAT, claims.issuedAt().getEpochSecond());
        cwt.Add(CLAIM_CACHET, cachet);
        claims.status()
                .ifPresent(status -> cwt.Add(
                        CLAIM_STATUS,
                        CBORObject.NewOrderedMap()
                                .Add(
                                        "status_list",
                                        CBORObject.NewOrderedMap()
                                                .Add("idx", status.index())
                                                .Add("uri", status.uri()))));
        return cwt.EncodeToBytes();
    }

    /** Reads Cachet claims from a CWT claims map already checked by {@link CwtClaims}. */
    public static SealClaims decode(CwtClaims cwt) throws SealFormatException {
        CBORObject cachet = cwt.map().get(CBORObject.FromObject(CLAIM_CACHET));
        if (cachet == null || cachet.getType() != CBORType.Map) {
            throw malformed("the seal has no Cachet claims (claim -65537)");
        }
        CBORObject version = cachet.get(CBORObject.FromObject(VERSION));
        if (version == null
                || !version.isNumber()
                || !version.AsNumber().CanFitInInt32()
                || version.AsInt32Value() != FORMAT_VERSION) {
            throw malformed("the seal's format version is not " + FORMAT_VERSION);
        }
        String issuer = cwt.issuer().orElseThrow(() -> malformed("the seal names no issuer (claim 1)"));
        Instant issuedAt = cwt.issuedAt().orElseThrow(() -> malformed("the seal has no issue time (claim 6)"));
        Map<String, String> fields = new LinkedHashMap<>();
        CBORObject rawFields = cachet.get(CBORObject.FromObject(FIELDS));
        if (rawFields != null) {
            if (rawFields.getType() != CBORType.Map) {
                throw malformed("the seal's type fields are not a map");
            }
            for (CBORObject key : rawFields.getKeys()) {
                CBORObject value = rawFields.get(key);
                if (key.getType() != CBORType.TextString || value.getType() != CBORType.TextString) {
                    throw malformed("the seal's type fields must map text to text");
                }
                fields.put(key.AsString(), value.AsString());
            }
        }
        try {
            return new SealClaims(
                    issuer,
                    text(cachet, ID, "certificate id"),
                    text(cachet, TYPE, "type"),
                    issuedAt,
                    cwt.expiresAt(),
                    new Holder(
                            text(cachet, FAMILY_NAME, "family name"),
                            text(cachet, GIVEN_NAMES, "given names"),
                            text(cachet, BIRTH_DATE, "birth date")),
                    fields,
                    status(cwt.map()));
        } catch (IllegalArgumentException e) {
            throw malformed("the seal's claims are inconsistent: " + e.getMessage());
        }
    }

    private static Optional<SealClaims.StatusReference> status(CBORObject cwt) throws SealFormatException {
        CBORObject status = cwt.get(CBORObject.FromObject(CLAIM_STATUS));
        if (status == null) {
            return Optional.empty();
        }
        CBORObject list = status.getType() == CBORType.Map ? status.get("status_list") : null;
        CBORObject index = list != null && list.getType() == CBORType.Map ? list.get("idx") : null;
        CBORObject uri = list != null && list.getType() == CBORType.Map ? list.get("uri") : null;
        if (index == null
                || index.getType() != CBORType.Integer
                || !index.CanValueFitInInt64()
                || index.AsInt64Value() < 0
                || uri == null
                || uri.getType() != CBORType.TextString) {
            throw malformed("the seal's status reference (claim 65535) is not {status_list: {idx, uri}}");
        }
        return Optional.of(new SealClaims.StatusReference(index.AsInt64Value(), uri.AsString()));
    }

    private static String text(CBORObject map, int key, String what) throws SealFormatException {
        CBORObject value = map.get(CBORObject.FromObject(key));
        if (value == null || value.getType() != CBORType.TextString) {
            throw malformed("the seal's " + what + " is missing or not text");
        }
        return value.AsString();
    }

    private static SealFormatException malformed(String message) {
        return new SealFormatException(ReasonCode.CODE_CLAIMS_MALFORMED, message);
    }

    static Optional<String> optionalText(CBORObject map, int key) {
        CBORObject value = map.get(CBORObject.FromObject(key));
        return value != null && value.getType() == CBORType.TextString
                ? Optional.of(value.AsString())
                : Optional.empty();
    }
}
