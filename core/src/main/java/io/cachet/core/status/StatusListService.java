package io.cachet.core.status;

import static java.util.Objects.requireNonNull;

import com.upokecenter.cbor.CBORObject;
import io.cachet.core.crypto.Es256;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.registry.CertificateStatus;
import io.cachet.core.registry.Registry;
import io.cachet.core.seal.CoseSign1;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Builds the office's status list as an IETF OAuth Token Status List in CWT form (draft-ietf-oauth-status-list
 * §4.2, §5.2): a COSE_Sign1 (ES256, signed by the office key; protected header alg, typ
 * {@value #MEDIA_TYPE}, kid) over the claims sub (2) = the list URI, iat (6), exp (4), ttl (65534) and status_list
 * (65533) = {bits: 2, lst: zlib(DEFLATE) of the packed statuses}. Entry {@code i} is the two bits at bit offset
 * {@code 2i}, least significant first (§4.1): 0 VALID, 1 INVALID (revoked, superseded, or not delivered), 2
 * SUSPENDED. Every index of the list that no certificate holds reads VALID, so the list says nothing about how many
 * certificates exist.
 */
public final class StatusListService {
    public static final String MEDIA_TYPE = "application/statuslist+cwt";
    public static final int BITS = 2;
    static final int CLAIM_SUB = 2;
    static final int CLAIM_EXP = 4;
    static final int CLAIM_IAT = 6;
    static final int CLAIM_TTL = 65534;
    static final int CLAIM_STATUS_LIST = 65533;
    static final int HEADER_ALG = 1;
    static final int HEADER_KID = 4;
    static final int HEADER_TYP = 16;

    private final Registry registry;
    private final SignerKey key;
    private final String uri;
    private final Clock clock;

    public StatusListService(Registry registry, SignerKey key, String uri, Clock clock) {
        this.registry = requireNonNull(registry, "registry is null");
        this.key = requireNonNull(key, "key is null");
        this.uri = requireNonNull(uri, "uri is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The signed token, valid for {@code validity} from now, telling relying parties to fetch again after {@code ttl}. */
    public byte[] export(Duration validity, Duration ttl) {
        long size = registry.statusListSize();
        byte[] packed = new byte[(int) (size * BITS / 8)];
        for (Map.Entry<Long, CertificateStatus> entry : registry.statusEntries().entrySet()) {
            int value =
                    switch (entry.getValue()) {
                        case VALID -> 0;
                        case SUSPENDED -> 2;
                        case REVOKED, SUPERSEDED, PENDING -> 1;
                    };
            long bit = entry.getKey() * BITS;
            packed[(int) (bit / 8)] |= (byte) (value << (bit % 8));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CBORObject statusList =
                CBORObject.NewOrderedMap().Add("bits", BITS).Add("lst", CBORObject.FromObject(zlib(packed)));
        CBORObject claims = CBORObject.NewOrderedMap()
                .Add(CLAIM_SUB, uri)
                .Add(CLAIM_IAT, now.getEpochSecond())
                .Add(CLAIM_EXP, now.plus(validity).getEpochSecond())
                .Add(CLAIM_TTL, ttl.toSeconds())
                .Add(CLAIM_STATUS_LIST, statusList);
        byte[] protectedHeader = CBORObject.NewOrderedMap()
                .Add(HEADER_ALG, CoseSign1.ALG_ES256)
                .Add(HEADER_TYP, MEDIA_TYPE)
                .Add(HEADER_KID, CBORObject.FromObject(key.kid().bytes()))
                .EncodeToBytes();
        byte[] payload = claims.EncodeToBytes();
        byte[] signature = Es256.sign(key.privateKey(), CoseSign1.toBeSigned(protectedHeader, payload));
        return new CoseSign1(
                        protectedHeader,
                        CBORObject.DecodeFromBytes(protectedHeader),
                        CBORObject.NewMap(),
                        payload,
                        signature)
                .encode();
    }

    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
