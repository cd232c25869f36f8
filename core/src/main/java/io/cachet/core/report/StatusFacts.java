package io.cachet.core.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the issuer's registry says of a certificate's status at one instant, and the events of its history that
 * decide it: when it was issued, and the last change (suspended, reinstated, revoked, superseded) at or before that
 * instant. Facts for people and courts: the reason is the free text recorded with the event, so it stays here and
 * never goes into a check's detail.
 *
 * @param at the instant the status is given for: the asked status-at date, or when the verification was made
 * @param status the registry's status at {@code at} (expiry is judged apart, by check {@code seal.expiry})
 * @param events the deciding events, oldest first: the issue (also when it came after {@code at}), then the last
 *     change at or before {@code at}, if any
 */
public record StatusFacts(Instant at, Status status, List<Event> events) {
    /** A certificate's status in its issuer's registry at an instant. */
    public enum Status {
        /** The registry had not yet delivered the certificate at that instant. */
        NOT_YET_ISSUED,
        VALID,
        SUSPENDED,
        REVOKED,
        SUPERSEDED
    }

    /**
     * One event of the registry's log.
     *
     * @param kind the registry's event kind: ISSUED, SUSPENDED, REINSTATED, REVOKED or SUPERSEDED
     * @param reason the reason a person recorded with it (may name the holder: shown to the reader, never logged)
     * @param related the other certificate: for SUPERSEDED the one that replaces it, for ISSUED the one it corrects
     */
    public record Event(String kind, Instant at, Optional<String> reason, Optional<String> related) {
        public Event {
            requireNonNull(kind, "kind is null");
            requireNonNull(at, "at is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(related, "related is null");
        }
    }

    public StatusFacts {
        requireNonNull(at, "at is null");
        requireNonNull(status, "status is null");
        events = List.copyOf(events);
    }

    /** The last deciding event: the change that set the status, or the issue. */
    public Optional<Event> decidingEvent() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }
}
