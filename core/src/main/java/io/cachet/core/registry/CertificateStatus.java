package io.cachet.core.registry;

/**
 * The status the issuer's registry holds for a certificate. {@code EXPIRED} is not stored: it follows from the
 * expiry date.
 */
public enum CertificateStatus {
    /** Issuance began (seal signed, PDF being written) but was not confirmed; not yet a certificate. */
    PENDING,
    /** Delivered and current. */
    VALID,
    /** Temporarily not valid; may be reinstated. */
    SUSPENDED,
    /** Permanently withdrawn. */
    REVOKED,
    /** Replaced by a corrected certificate. */
    SUPERSEDED
}
