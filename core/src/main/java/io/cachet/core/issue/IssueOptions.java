package io.cachet.core.issue;

import static java.util.Objects.requireNonNull;

import io.cachet.core.registry.CertificateId;
import java.util.Optional;

/**
 * How to record one issuance in the registry.
 *
 * @param actor who issues (written in the event log): an OS user name or the CLI's {@code --actor}
 * @param idempotencyKey a batch row's key: a second issuance with the same key is refused
 * @param supersedes the certificate this one corrects: it becomes SUPERSEDED when this one is delivered
 * @param requestSha256 the SHA-256 of the request that asked for this issuance, recorded beside its idempotency key
 *     so that a repeated request can be told from a different one with the same key
 */
public record IssueOptions(
        String actor,
        Optional<String> idempotencyKey,
        Optional<CertificateId> supersedes,
        Optional<String> requestSha256) {
    public IssueOptions {
        requireNonNull(actor, "actor is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        requireNonNull(supersedes, "supersedes is null");
        requireNonNull(requestSha256, "requestSha256 is null");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("actor must not be blank");
        }
        if (requestSha256.isPresent() && idempotencyKey.isEmpty()) {
            throw new IllegalArgumentException("a request hash is recorded only beside an idempotency key");
        }
    }

    /** Options without a request hash. */
    public IssueOptions(String actor, Optional<String> idempotencyKey, Optional<CertificateId> supersedes) {
        this(actor, idempotencyKey, supersedes, Optional.empty());
    }

    /** Issued by the OS user running Cachet, with no key and correcting nothing. */
    public static IssueOptions byCurrentUser() {
        return new IssueOptions(currentUser(), Optional.empty(), Optional.empty());
    }

    /** The OS user name, or {@code unknown} when the platform does not tell. */
    public static String currentUser() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
