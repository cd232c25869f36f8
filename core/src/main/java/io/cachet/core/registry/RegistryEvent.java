package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the registry's append-only event log. Each entry's {@code hash} is SHA-256 over the previous entry's
 * hash and this entry's canonical encoding ({@link EventChain}), so any change to an entry, or a removed or inserted
 * one, breaks the chain from there on.
 *
 * @param seq position in the log, from 1, without gaps
 * @param related the other certificate involved (for SUPERSEDED: the new one; for ISSUED: the one it replaces)
 * @param previousHash hex hash of entry {@code seq - 1}, or 64 zeros for the first entry
 * @param hash hex hash of this entry
 */
public record RegistryEvent(
        long seq,
        CertificateId certificateId,
        EventKind kind,
        String actor,
        Optional<String> reason,
        Instant at,
        Optional<CertificateId> related,
        String previousHash,
        String hash) {
    public RegistryEvent {
        requireNonNull(certificateId, "certificateId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(at, "at is null");
        requireNonNull(related, "related is null");
        requireNonNull(previousHash, "previousHash is null");
        requireNonNull(hash, "hash is null");
    }
}
