package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as a verified token says: the provider's subject, a display name when the token has one, and the
 * Cachet roles it grants.
 *
 * @param subject the token's {@code sub}: stable, unique at the provider
 * @param name the token's {@code name}, else {@code preferred_username}, when present
 * @param roles the Cachet roles among the token's roles claim
 */
public record Identity(String subject, Optional<String> name, Set<Role> roles) {
    /** Longer subjects or names are refused rather than cut: they end up in the audit log. */
    static final int MAX_LENGTH = 200;

    public Identity {
        requireNonNull(subject, "subject is null");
        requireNonNull(name, "name is null");
        requireNonNull(roles, "roles is null");
        if (subject.isBlank() || subject.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a subject is 1 to " + MAX_LENGTH + " characters");
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * The actor recorded in the registry's event log: {@code oidc:SUBJECT}, and the display name in parentheses when
     * the token has one, e.g. {@code oidc:8f3c… (Camille Martin)}.
     */
    public String actor() {
        return "oidc:" + subject + name.map(value -> " (" + value + ")").orElse("");
    }
}
