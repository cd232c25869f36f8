package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A registered administration's system allowed to read certificate records through the API. Never its key. */
public record ApiClient(String name, Instant createdAt, Optional<Instant> revokedAt) {
    public ApiClient {
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(revokedAt, "revokedAt is null");
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
