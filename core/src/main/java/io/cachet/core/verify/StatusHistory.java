package io.cachet.core.verify;

import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.EventKind;
import io.cachet.core.registry.RegistryEvent;
import io.cachet.core.report.StatusFacts;
import io.cachet.core.types.HiddenCharacters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a certificate's status at an instant from its registry events: the events at or before the instant apply in
 * order (SUSPENDED, REINSTATED, REVOKED, SUPERSEDED; ISSUED starts it VALID). Whether the certificate was issued at
 * all by then is the seal's signed issue time, decided by the caller.
 */
final class StatusHistory {
    private StatusHistory() {}

    /**
     * The status at {@code at} of an issued certificate whose events, oldest first, are {@code events}; the deciding
     * events are its ISSUED event and the last change at or before {@code at}.
     */
    static StatusFacts at(List<RegistryEvent> events, Instant at) {
        return fold(events, at, at);
    }

    /** The present status, from every event however recent; the facts are dated {@code now}. */
    static StatusFacts current(List<RegistryEvent> events, Instant now) {
        return fold(events, Instant.MAX, now);
    }

    /** A certificate not yet issued at {@code at}: the deciding event is its issue, after that date (if recorded). */
    static StatusFacts notYetIssued(List<RegistryEvent> events, Instant at) {
        return new StatusFacts(
                at,
                StatusFacts.Status.NOT_YET_ISSUED,
                issued(events).map(StatusHistory::fact).stream().toList());
    }

    private static StatusFacts fold(List<RegistryEvent> events, Instant limit, Instant at) {
        StatusFacts.Status status = StatusFacts.Status.VALID;
        Optional<RegistryEvent> change = Optional.empty();
        for (RegistryEvent event : events) {
            if (event.at().isAfter(limit)) {
                break; // oldest first: every later event is after the limit too
            }
            switch (event.kind()) {
                case ISSUED -> {}
                case SUSPENDED -> status = StatusFacts.Status.SUSPENDED;
                case REINSTATED -> status = StatusFacts.Status.VALID;
                case REVOKED -> status = StatusFacts.Status.REVOKED;
                case SUPERSEDED -> status = StatusFacts.Status.SUPERSEDED;
            }
            if (event.kind() != EventKind.ISSUED) {
                change = Optional.of(event);
            }
        }
        List<StatusFacts.Event> deciding = new ArrayList<>();
        issued(events).map(StatusHistory::fact).ifPresent(deciding::add);
        change.map(StatusHistory::fact).ifPresent(deciding::add);
        return new StatusFacts(at, status, deciding);
    }

    private static Optional<RegistryEvent> issued(List<RegistryEvent> events) {
        return events.stream().filter(event -> event.kind() == EventKind.ISSUED).findFirst();
    }

    private static StatusFacts.Event fact(RegistryEvent event) {
        return new StatusFacts.Event(
                event.kind().name(),
                event.at(),
                // As for names: a hidden character is shown written out, never as is.
                event.reason().map(HiddenCharacters::reveal),
                event.related().map(CertificateId::value));
    }
}
