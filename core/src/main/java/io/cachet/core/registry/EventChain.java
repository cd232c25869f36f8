package io.cachet.core.registry;

import io.cachet.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;

/**
 * The hash chain of the event log. The canonical encoding of an event is its fields in a fixed order, each written
 * as {@code LENGTH:UTF8-BYTES;} (an absent optional field as {@code ~;}), so two different events never encode the
 * same. {@code hash = SHA-256(previousHash as ASCII hex || encoding)}, in lower-case hex.
 */
final class EventChain {
    static final String GENESIS = "0".repeat(64);

    private EventChain() {}

    static String hash(
            String previousHash,
            long seq,
            CertificateId certificateId,
            EventKind kind,
            String actor,
            Optional<String> reason,
            Instant at,
            Optional<CertificateId> related) {
        StringBuilder encoding = new StringBuilder();
        field(encoding, Long.toString(seq));
        field(encoding, certificateId.value());
        field(encoding, kind.name());
        field(encoding, actor);
        optional(encoding, reason);
        field(encoding, Long.toString(at.toEpochMilli()));
        optional(encoding, related.map(CertificateId::value));
        MessageDigest digest = Sha256.newDigest();
        digest.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        digest.update(encoding.toString().getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest);
    }

    static String hash(String previousHash, RegistryEvent event) {
        return hash(
                previousHash,
                event.seq(),
                event.certificateId(),
                event.kind(),
                event.actor(),
                event.reason(),
                event.at(),
                event.related());
    }

    private static void field(StringBuilder out, String value) {
        out.append(value.getBytes(StandardCharsets.UTF_8).length)
                .append(':')
                .append(value)
                .append(';');
    }

    private static void optional(StringBuilder out, Optional<String> value) {
        if (value.isPresent()) {
            field(out, value.get());
        } else {
            out.append("~;");
        }
    }
}
