package io.cachet.core.report;

/** The one answer a verification gives. Exit codes of {@code cachet verify} follow {@link #exitCode()}. */
public enum Verdict {
    /** Authentic and current. */
    VALID(0),
    /**
     * Not authentic: a code or file that was read and fails a signature or trust check (tampered, forged, unsigned or
     * signed by an untrusted key).
     */
    INVALID(1),
    /** Authentic but revoked by the issuer. */
    REVOKED(2),
    /** Authentic but suspended by the issuer. */
    SUSPENDED(2),
    /** Authentic but past its expiry. */
    EXPIRED(2),
    /** Authentic but replaced by a corrected certificate. */
    SUPERSEDED(2),
    /**
     * Authentic, but not yet issued at the status-at date asked (only with a status-at date): it was not valid on that
     * date.
     */
    NOT_YET_ISSUED(2),
    /**
     * Could not be checked: unreadable input (no code found, text that is not a Cachet code), a needed service
     * unavailable, or an authentic certificate whose status was not checked (no registry, no status list).
     */
    UNREADABLE(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** 0 valid; 1 not authentic; 2 authentic but not current (or not yet issued at the date asked); 3 could not check. */
    public int exitCode() {
        return exitCode;
    }
}
