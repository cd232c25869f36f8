package io.cachet.core.issue;

import static java.util.Objects.requireNonNull;

import io.cachet.core.crypto.Es256;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.pdf.TimestampAuthority;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Whether issuing can work now: the signing key signs (in its keystore or HSM) a fresh random message that its
 * certificate verifies, the certificate is within its validity, and the timestamp authority answers a fresh request
 * with a token over that request's imprint and a time close to ours. Each check is real work against the key and the
 * authority, so a result is kept for {@link #CACHE_FOR} and health probes cost the authority one request a minute.
 */
public final class IssuingReadiness {
    /** How long a result is reused. */
    public static final Duration CACHE_FOR = Duration.ofMinutes(1);
    /** How far the authority's time may be from ours. */
    static final Duration MAX_TIME_DIFFERENCE = Duration.ofMinutes(5);

    /** One part of issuing: its name, whether it works, and why not. */
    public record Component(String name, boolean up, String detail) {
        public Component {
            requireNonNull(name, "name is null");
            requireNonNull(detail, "detail is null");
        }
    }

    /** The parts checked, when. */
    public record Result(Instant checkedAt, List<Component> components) {
        public Result {
            requireNonNull(checkedAt, "checkedAt is null");
            components = List.copyOf(components);
        }

        public boolean up() {
            return components.stream().allMatch(Component::up);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignerKey key;
    private final TimestampAuthority timestamps;
    private final Clock clock;
    private Result last;

    public IssuingReadiness(SignerKey key, TimestampAuthority timestamps, Clock clock) {
        this.key = requireNonNull(key, "key is null");
        this.timestamps = requireNonNull(timestamps, "timestamps is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The last result if younger than {@link #CACHE_FOR}, else a new check (one at a time). */
    public synchronized Result check() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.checkedAt().plus(CACHE_FOR)) || now.isBefore(last.checkedAt())) {
            last = new Result(now, List.of(signingKey(now), timestampAuthority(now)));
        }
        return last;
    }

    private Component signingKey(Instant now) {
        String name = "signingKey";
        try {
            key.certificate().checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return new Component(
                    name,
                    false,
                    "the office certificate " + key.kid().hex() + " is not valid now ("
                            + key.certificate().getNotBefore().toInstant() + " to "
                            + key.certificate().getNotAfter().toInstant() + ")");
        }
        byte[] message = random();
        try {
            byte[] signature = key.provider().isPresent()
                    ? Es256.sign(key.provider().get(), key.privateKey(), message)
                    : Es256.sign(key.privateKey(), message);
            if (!Es256.verify(key.certificate().getPublicKey(), message, signature)) {
                return new Component(
                        name,
                        false,
                        "the key's signature does not verify with the office certificate "
                                + key.kid().hex());
            }
        } catch (RuntimeException e) {
            return new Component(name, false, "the key cannot sign: " + e.getMessage());
        }
        return new Component(name, true, "signs with " + key.kid().hex());
    }

    private Component timestampAuthority(Instant now) {
        String name = "timestampAuthority";
        byte[] imprint = random();
        TimeStampToken token;
        try {
            token = new TimeStampToken(ContentInfo.getInstance(timestamps.timestamp(imprint)));
        } catch (RuntimeException | TSPException | IOException e) {
            return new Component(name, false, timestamps.description() + " gave no usable token: " + e.getMessage());
        }
        if (!Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), imprint)) {
            return new Component(name, false, timestamps.description() + " answered with a token over another imprint");
        }
        Instant time = token.getTimeStampInfo().getGenTime().toInstant();
        if (Duration.between(time, now).abs().compareTo(MAX_TIME_DIFFERENCE) > 0) {
            return new Component(
                    name,
                    false,
                    timestamps.description() + " gives the time " + time + ", more than "
                            + MAX_TIME_DIFFERENCE.toMinutes() + " minutes from ours (" + now + ")");
        }
        return new Component(name, true, timestamps.description());
    }

    private static byte[] random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
