package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.cachet.core.report.ReasonCode;
import java.util.Optional;

/**
 * A COSE_Sign1 structure (RFC 9052 §4.2): {@code [protected: bstr, unprotected: map, payload: bstr, signature:
 * bstr]}, usually with CBOR tag 18. The protected header is kept as the exact bytes that were signed.
 */
public record CoseSign1(
        byte[] protectedBytes,
        CBORObject protectedHeader,
        CBORObject unprotectedHeader,
        byte[] payload,
        byte[] signature) {
    public static final int TAG = 18;
    /** COSE header labels (RFC 9052 §3.1). */
    static final int HEADER_ALG = 1;

    static final int HEADER_KID = 4;
    /** ES256: ECDSA with SHA-256 on P-256 (RFC 9053 §2.1). */
    public static final int ALG_ES256 = -7;

    /** Strict decoding: duplicate map keys are an error. */
    private static final CBOREncodeOptions STRICT = new CBOREncodeOptions("allowduplicatekeys=false");

    public CoseSign1 {
        requireNonNull(protectedBytes, "protectedBytes is null");
        requireNonNull(protectedHeader, "protectedHeader is null");
        requireNonNull(unprotectedHeader, "unprotectedHeader is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(signature, "signature is null");
    }

    /** Parses the bytes of a (possibly tagged) COSE_Sign1. */
    public static CoseSign1 parse(byte[] bytes) throws SealFormatException {
        CBORObject root = decodeCbor(bytes, "COSE_Sign1");
        // Tag 18 is recommended, not required (HCERT §3.3); tag 61 (CWT) may wrap it (RFC 8392 §6).
        if (root.HasMostOuterTag(61)) {
            root = root.UntagOne();
        }
        if (root.isTagged()) {
            if (!root.HasOneTag(TAG)) {
                throw new SealFormatException(
                        ReasonCode.CODE_COSE_MALFORMED, "the COSE structure has a tag other than 18");
            }
            root = root.UntagOne();
        }
        if (root.getType() != CBORType.Array || root.size() != 4) {
            throw new SealFormatException(ReasonCode.CODE_COSE_MALFORMED, "a COSE_Sign1 is an array of four items");
        }
        byte[] protectedBytes = byteString(root.get(0), "protected header");
        CBORObject protectedHeader =
                protectedBytes.length == 0 ? CBORObject.NewMap() : decodeCbor(protectedBytes, "protected header");
        if (protectedHeader.getType() != CBORType.Map) {
            throw new SealFormatException(ReasonCode.CODE_COSE_MALFORMED, "the protected header is not a map");
        }
        CBORObject unprotected = root.get(1);
        if (unprotected.getType() != CBORType.Map) {
            throw new SealFormatException(ReasonCode.CODE_COSE_MALFORMED, "the unprotected header is not a map");
        }
        byte[] payload = byteString(root.get(2), "payload");
        byte[] signature = byteString(root.get(3), "signature");
        return new CoseSign1(protectedBytes, protectedHeader, unprotected, payload, signature);
    }

    /** The tagged CBOR encoding. */
    public byte[] encode() {
        CBORObject array = CBORObject.NewArray()
                .Add(CBORObject.FromObject(protectedBytes))
                .Add(unprotectedHeader)
                .Add(CBORObject.FromObject(payload))
                .Add(CBORObject.FromObject(signature));
        return CBORObject.FromObjectAndTag(array, TAG).EncodeToBytes();
    }

    /** The bytes that are signed: Sig_structure for COSE_Sign1 with empty external AAD (RFC 9052 §4.4). */
    public static byte[] toBeSigned(byte[] protectedBytes, byte[] payload) {
        return CBORObject.NewArray()
                .Add("Signature1")
                .Add(CBORObject.FromObject(protectedBytes))
                .Add(CBORObject.FromObject(new byte[0]))
                .Add(CBORObject.FromObject(payload))
                .EncodeToBytes();
    }

    public byte[] toBeSigned() {
        return toBeSigned(protectedBytes, payload);
    }

    /** The algorithm in the protected header, if any. */
    public Optional<CBORObject> protectedAlg() {
        return Optional.ofNullable(protectedHeader.get(CBORObject.FromObject(HEADER_ALG)));
    }

    public boolean unprotectedHasAlg() {
        return unprotectedHeader.ContainsKey(CBORObject.FromObject(HEADER_ALG));
    }

    /** The key id: from the protected header, else from the unprotected one (HCERT §3.3.1). */
    public Optional<byte[]> kid() {
        CBORObject kid = protectedHeader.get(CBORObject.FromObject(HEADER_KID));
        if (kid == null) {
            kid = unprotectedHeader.get(CBORObject.FromObject(HEADER_KID));
        }
        if (kid == null || kid.getType() != CBORType.ByteString) {
            return Optional.empty();
        }
        return Optional.of(kid.GetByteString());
    }

    static CBORObject decodeCbor(byte[] bytes, String what) throws SealFormatException {
        if (bytes.length == 0) {
            throw new SealFormatException(ReasonCode.CODE_COSE_MALFORMED, "the " + what + " is empty");
        }
        try {
            return CBORObject.DecodeFromBytes(bytes, STRICT);
        } catch (CBORException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new SealFormatException(ReasonCode.CODE_COSE_MALFORMED, "the " + what + " is not valid CBOR", e);
        }
    }

    private static byte[] byteString(CBORObject item, String what) throws SealFormatException {
        if (item.isTagged() || item.getType() != CBORType.ByteString) {
            throw new SealFormatException(ReasonCode.CODE_COSE_MALFORMED, "the " + what + " is not a byte string");
        }
        return item.GetByteString();
    }
}
