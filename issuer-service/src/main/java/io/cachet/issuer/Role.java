package io.cachet.issuer;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a person or a system may do through the issuing service, as the organisation's OpenID provider grants it in
 * the token's roles claim.
 */
public enum Role {
    /** Issue certificates and batches, and read what one issued. */
    ISSUE("cachet.issue"),
    /** Suspend, reinstate, revoke and reissue, and read every certificate. */
    MANAGE("cachet.manage"),
    /** Read records, search, fetch PDFs. */
    READ("cachet.read");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The role's name in the token's roles claim, e.g. {@code cachet.issue}. */
    public String claimValue() {
        return claimValue;
    }

    /** The role a claim value names; empty for the provider's other roles, which the service ignores. */
    public static Optional<Role> ofClaimValue(String value) {
        return Arrays.stream(values())
                .filter(role -> role.claimValue.equals(value))
                .findFirst();
    }
}
