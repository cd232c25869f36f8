package io.cachet.core.status;

import static java.util.Objects.requireNonNull;

import com.upokecenter.cbor.CBORObject;
import io.cachet.core.CachetException;
import io.cachet.core.seal.CoseSign1;
import io.cachet.core.seal.Es256;
import io.cachet.core.seal.SealFormatException;
import java.security.PublicKey;
import java.time.Instant;

/** Reads a Token Status List CWT as a relying party does: checks the ES256 signature, inflates the list. */
public final class StatusListReader {
    /** A verified list. */
    public record StatusList(String uri, Instant issuedAt, Instant expiresAt, int bits, byte[] entries) {
        public StatusList {
            requireNonNull(uri, "uri is null");
            requireNonNull(issuedAt, "issuedAt is null");
            requireNonNull(expiresAt, "expiresAt is null");
            entries = entries.clone();
        }

        /** Number of entries. */
        public long size() {
            return (long) entries.length * 8 / bits;
        }

        /** The status value at {@code index}: 0 VALID, 1 INVALID, 2 SUSPENDED. */
        public int status(long index) {
            if (index < 0 || index >= size()) {
                throw new IndexOutOfBoundsException("index " + index + " outside the list of " + size());
            }
            long bit = index * bits;
            return (entries[(int) (bit / 8)] >> (bit % 8)) & ((1 << bits) - 1);
        }
    }

    private StatusListReader() {}

    /**
     * Verifies {@code token} with {@code key} and decodes it.
     *
     * @throws CachetException INVALID_INPUT when the token is malformed or its signature does not verify
     */
    public static StatusList read(byte[] token, PublicKey key) {
        try {
            CoseSign1 cose = CoseSign1.parse(token);
            if (!Es256.verify(key, cose.toBeSigned(), cose.signature())) {
                throw CachetException.invalidInput("the status list's signature does not verify");
            }
            CBORObject header = cose.protectedHeader();
            if (!StatusListService.MEDIA_TYPE.equals(
                    header.get(StatusListService.HEADER_TYP).AsString())) {
                throw CachetException.invalidInput("not a status list: typ is not " + StatusListService.MEDIA_TYPE);
            }
            CBORObject claims = CBORObject.DecodeFromBytes(cose.payload());
            CBORObject list = claims.get(StatusListService.CLAIM_STATUS_LIST);
            return new StatusList(
                    claims.get(StatusListService.CLAIM_SUB).AsString(),
                    Instant.ofEpochSecond(
                            claims.get(StatusListService.CLAIM_IAT).AsInt64Value()),
                    Instant.ofEpochSecond(
                            claims.get(StatusListService.CLAIM_EXP).AsInt64Value()),
                    list.get("bits").AsInt32Value(),
                    inflate(list.get("lst").GetByteString()));
        } catch (SealFormatException | RuntimeException e) {
            if (e instanceof CachetException cachet) {
                throw cachet;
            }
            throw CachetException.invalidInput("not a well-formed status list token: " + e.getMessage());
        }
    }

    private static byte[] inflate(byte[] compressed) {
        try {
            return io.cachet.core.BoundedInflater.inflate(compressed, 64 * 1024 * 1024);
        } catch (io.cachet.core.BoundedInflater.Failure e) {
            throw CachetException.invalidInput("the status list's lst cannot be read: " + e.getMessage());
        }
    }
}
