package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

import com.upokecenter.cbor.CBORObject;
import io.cachet.core.keys.SignerKey;

/** Turns claims into the text of a QR code: CWT → COSE_Sign1 (ES256, kid protected) → zlib? → Base45 → prefix. */
public final class SealSigner {
    private final SignerKey key;
    private final byte[] protectedHeader;

    public SealSigner(SignerKey key) {
        this.key = requireNonNull(key, "key is null");
        // Protected header {1: -7, 4: kid}: alg and kid are both covered by the signature (RFC 9052 §3).
        this.protectedHeader = CBORObject.NewOrderedMap()
                .Add(CoseSign1.HEADER_ALG, CoseSign1.ALG_ES256)
                .Add(CoseSign1.HEADER_KID, key.kid().bytes())
                .EncodeToBytes();
    }

    /** The seal text for these claims, ready to be put in a QR code. */
    public String sign(SealClaims claims) {
        byte[] payload = SealClaimsCodec.encode(claims);
        byte[] signature = Es256.sign(key.privateKey(), CoseSign1.toBeSigned(protectedHeader, payload));
        CoseSign1 cose = new CoseSign1(protectedHeader, CBORObject.DecodeFromBytes(protectedHeader), CBORObject.NewMap(), payload, signature);
        return SealText.encode(cose.encode(), SealText.CACHET_PREFIX);
    }

    public SignerKey key() {
        return key;
    }
}
