package io.cachet.core.status;

import static java.util.Objects.requireNonNull;

import com.upokecenter.cbor.CBORObject;
import io.cachet.core.CachetException;
import io.cachet.core.crypto.Es256;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.seal.CoseSign1;
import io.cachet.core.seal.SealFormatException;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** Reads a Token Status List CWT as a relying party does: checks the ES256 signature, inflates the list. */
public final class StatusListReader {
    /** A verified list. */
    public record StatusList(
            String uri, Instant issuedAt, Instant expiresAt, Optional<Duration> ttl, int bits, byte[] entries) {
        public StatusList {
            requireNonNull(uri, "uri is null");
            requireNonNull(issuedAt, "issuedAt is null");
            requireNonNull(expiresAt, "expiresAt is null");
            requireNonNull(ttl, "ttl is null");
            // draft-ietf-oauth-status-list §4.1: 1, 2, 4 or 8 bits per entry.
            if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
                throw new IllegalArgumentException("bits must be 1, 2, 4 or 8, was " + bits);
            }
            if (ttl.isPresent() && (ttl.get().isNegative() || ttl.get().isZero())) {
                throw new IllegalArgumentException("ttl must be positive, was " + ttl.get());
            }
            entries = entries.clone();
        }

        /**
         * When a relying party should fetch the list again: {@code iat + ttl} (§5.2), but never later than its
         * expiry.
         */
        public Instant refreshAt() {
            Duration lifetime = Duration.between(issuedAt, expiresAt);
            return ttl.filter(value -> value.compareTo(lifetime) < 0)
                    .map(issuedAt::plus)
                    .orElse(expiresAt);
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
            return read(parse(token), key);
        } catch (SealFormatException e) {
            throw CachetException.invalidInput("not a well-formed status list token: " + e.getMessage());
        }
    }

    /**
     * Verifies {@code token} as a verifier with only trust material does: it must be signed (ES256) by a
     * document-signing certificate of {@code trust} (so issued under the pinned root), named by the kid in its
     * protected header, valid at {@code now} and whose key was never revoked (a revoked or rotated key signs no new
     * list).
     *
     * @throws CachetException INVALID_INPUT when the token is malformed, its signer is not trusted or its signature
     *     does not verify
     */
    public static StatusList read(byte[] token, TrustStore trust, Instant now) {
        return readVerified(token, trust, now).list();
    }

    /** A verified list and the trusted certificate whose key signed it. */
    public record Verified(StatusList list, X509Certificate signer) {}

    /** As {@link #read(byte[], TrustStore, Instant)}, with the certificate that signed the list. */
    public static Verified readVerified(byte[] token, TrustStore trust, Instant now) {
        CoseSign1 cose;
        try {
            cose = parse(token);
        } catch (SealFormatException e) {
            throw CachetException.invalidInput("not a well-formed status list token: " + e.getMessage());
        }
        Optional<byte[]> kidBytes = cose.kid();
        if (kidBytes.isEmpty() || kidBytes.get().length != Kid.LENGTH) {
            throw CachetException.invalidInput("the status list carries no 8-byte key id");
        }
        Kid kid = new Kid(kidBytes.get());
        X509Certificate signer = trust.signer(kid)
                .orElseThrow(() -> CachetException.invalidInput(
                        "the status list is signed by key " + kid.hex() + ", which is no trusted signer"));
        if (trust.revocation(kid).isPresent()) {
            throw CachetException.invalidInput("the status list is signed by key " + kid.hex() + ", which was revoked");
        }
        try {
            signer.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw CachetException.invalidInput(
                    "the status list's signing certificate (key " + kid.hex() + ") is not valid at " + now);
        }
        return new Verified(read(cose, signer.getPublicKey()), signer);
    }

    private static CoseSign1 parse(byte[] token) throws SealFormatException {
        try {
            return CoseSign1.parse(token);
        } catch (RuntimeException e) {
            throw new SealFormatException(io.cachet.core.report.ReasonCode.CODE_COSE_MALFORMED, String.valueOf(e));
        }
    }

    private static StatusList read(CoseSign1 cose, PublicKey key) {
        try {
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
            CBORObject ttl = claims.get(StatusListService.CLAIM_TTL);
            return new StatusList(
                    claims.get(StatusListService.CLAIM_SUB).AsString(),
                    Instant.ofEpochSecond(
                            claims.get(StatusListService.CLAIM_IAT).AsInt64Value()),
                    Instant.ofEpochSecond(
                            claims.get(StatusListService.CLAIM_EXP).AsInt64Value()),
                    ttl == null ? Optional.empty() : Optional.of(Duration.ofSeconds(ttl.AsInt64Value())),
                    list.get("bits").AsInt32Value(),
                    inflate(list.get("lst").GetByteString()));
        } catch (RuntimeException e) {
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
