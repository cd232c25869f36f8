package io.cachet.core.registry;

/** What happened to a certificate, as written in the registry's event log. */
public enum EventKind {
    ISSUED,
    SUSPENDED,
    REINSTATED,
    REVOKED,
    SUPERSEDED
}
