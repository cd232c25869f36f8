package io.cachet.core.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code events} table: the append-only log of what happened to each certificate, each entry linked to the one
 * before by {@link EventChain}'s hash. Every method runs inside the caller's read or transaction.
 */
final class EventLog {
    private static final String COLUMNS =
            "seq, certificate_id, kind, actor, reason, at_millis, related_id, previous_hash, hash";

    private EventLog() {}

    /** Appends an entry after the newest one (at millisecond precision, as hashed). */
    static void append(
            Connection c,
            CertificateId id,
            EventKind kind,
            String actor,
            Optional<String> reason,
            Instant at,
            Optional<CertificateId> related)
            throws SQLException {
        long seq;
        String previous;
        try (Statement statement = c.createStatement();
                ResultSet rows = statement.executeQuery("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")) {
            if (rows.next()) {
                seq = rows.getLong(1) + 1;
                previous = rows.getString(2);
            } else {
                seq = 1;
                previous = EventChain.GENESIS;
            }
        }
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        String hash = EventChain.hash(previous, seq, id, kind, actor, reason, when, related);
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, id.value());
            insert.setString(3, kind.name());
            insert.setString(4, actor);
            CertificateRows.setOptional(insert, 5, reason);
            insert.setLong(6, when.toEpochMilli());
            CertificateRows.setOptional(insert, 7, related.map(CertificateId::value));
            insert.setString(8, previous);
            insert.setString(9, hash);
            insert.executeUpdate();
        }
    }

    /** Every event of {@code id}, oldest first. */
    static List<RegistryEvent> history(Connection c, CertificateId id) throws SQLException {
        try (PreparedStatement query =
                c.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE certificate_id = ? ORDER BY seq")) {
            query.setString(1, id.value());
            List<RegistryEvent> events = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(event(rows));
                }
            }
            return events;
        }
    }

    /** Checks the whole log: sequence without gaps, each link to the previous hash, each hash recomputed. */
    static AuditResult audit(Connection c) throws SQLException {
        String previous = EventChain.GENESIS;
        long expected = 1;
        try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM events ORDER BY seq")) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    RegistryEvent event;
                    try {
                        event = event(rows);
                    } catch (RuntimeException e) {
                        return new AuditResult.Broken(seq, "unreadable entry: " + e.getMessage(), expected - 1);
                    }
                    if (seq != expected) {
                        return new AuditResult.Broken(
                                seq, "expected entry " + expected + ": entries are missing", expected - 1);
                    }
                    if (!event.previousHash().equals(previous)) {
                        return new AuditResult.Broken(seq, "does not link to the previous entry's hash", expected - 1);
                    }
                    if (!EventChain.hash(previous, event).equals(event.hash())) {
                        return new AuditResult.Broken(
                                seq, "its content does not match its hash: it was changed", expected - 1);
                    }
                    previous = event.hash();
                    expected++;
                }
            }
        }
        return new AuditResult.Intact(expected - 1, previous);
    }

    private static RegistryEvent event(ResultSet rows) throws SQLException {
        return new RegistryEvent(
                rows.getLong("seq"),
                new CertificateId(rows.getString("certificate_id")),
                EventKind.valueOf(rows.getString("kind")),
                rows.getString("actor"),
                Optional.ofNullable(rows.getString("reason")),
                Instant.ofEpochMilli(rows.getLong("at_millis")),
                Optional.ofNullable(rows.getString("related_id")).map(CertificateId::new),
                rows.getString("previous_hash"),
                rows.getString("hash"));
    }
}
