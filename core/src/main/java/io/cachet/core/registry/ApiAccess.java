package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the API access log: which client asked about which certificate, when, and what it got. No holder
 * data.
 *
 * @param certificateId empty when the id asked for was malformed
 */
public record ApiAccess(String client, Optional<CertificateId> certificateId, Instant at, Outcome outcome) {
    /** What the client got. */
    public enum Outcome {
        /** The record was returned. */
        GRANTED,
        /** No certificate has this id. */
        NOT_FOUND,
        /** The id was malformed. */
        MALFORMED_ID,
        /** The client's key was revoked: refused. */
        REVOKED_KEY
    }

    public ApiAccess {
        requireNonNull(client, "client is null");
        requireNonNull(certificateId, "certificateId is null");
        requireNonNull(at, "at is null");
        requireNonNull(outcome, "outcome is null");
    }
}
