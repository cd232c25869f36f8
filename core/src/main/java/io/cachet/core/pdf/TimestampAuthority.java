package io.cachet.core.pdf;

/**
 * Where RFC 3161 timestamps come from: the in-process {@link LocalTimestampAuthority} of a development home, or a
 * remote authority over HTTP ({@link HttpTimestampAuthority}).
 */
public interface TimestampAuthority {
    /**
     * A timestamp token over a SHA-256 message imprint.
     *
     * @param sha256 the SHA-256 digest of the data to timestamp (32 bytes)
     * @return the DER-encoded TimeStampToken (a CMS ContentInfo, RFC 3161 §2.4.2)
     * @throws io.cachet.core.CachetException when no token can be obtained: issuance then stops, it never falls
     *     back to an untimestamped signature
     */
    byte[] timestamp(byte[] sha256);

    /** Who answers, for error messages and logs. */
    String description();
}
