package io.cachet.core.registry;

import static io.cachet.core.registry.CertificateRows.find;
import static io.cachet.core.registry.CertificateRows.unknown;
import static io.cachet.core.registry.CertificateRows.update;

import io.cachet.core.CachetException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The transitions of a certificate's status, each logged in the same transaction: delivery (PENDING → VALID, and
 * the corrected certificate → SUPERSEDED), and the changes a person asks for ({@link Registry.Change}). Every method
 * runs inside the caller's transaction.
 */
final class StatusChanges {
    private StatusChanges() {}

    static CertificateRecord deliver(Connection c, CertificateId id, String actor, Instant at) throws SQLException {
        CertificateRecord record = find(c, id).orElseThrow(() -> unknown(id));
        if (record.status() != CertificateStatus.PENDING) {
            throw CachetException.conflict("certificate " + id + " was already delivered");
        }
        update(c, "UPDATE certificates SET status = ? WHERE id = ?", CertificateStatus.VALID.name(), id.value());
        EventLog.append(c, id, EventKind.ISSUED, actor, Optional.empty(), at, record.supersedes());
        if (record.supersedes().isPresent()) {
            CertificateId oldId = record.supersedes().get();
            Optional<CertificateRecord> old = find(c, oldId);
            if (old.isPresent()
                    && (old.get().status() == CertificateStatus.VALID
                            || old.get().status() == CertificateStatus.SUSPENDED)) {
                update(
                        c,
                        "UPDATE certificates SET status = ?, superseded_by = ? WHERE id = ?",
                        CertificateStatus.SUPERSEDED.name(),
                        id.value(),
                        oldId.value());
                EventLog.append(
                        c, oldId, EventKind.SUPERSEDED, actor, Optional.of("corrected by " + id), at, Optional.of(id));
            }
        }
        return find(c, id).orElseThrow();
    }

    static CertificateRecord apply(
            Connection c, CertificateId id, Registry.Change change, String actor, Optional<String> reason, Instant at)
            throws SQLException {
        CertificateRecord record = find(c, id).orElseThrow(() -> unknown(id));
        switch (change) {
            case SUSPEND -> {
                requireChangeable(record, "suspended");
                if (record.status() == CertificateStatus.SUSPENDED) {
                    throw CachetException.conflict("certificate " + id + " is already suspended");
                }
            }
            case REVOKE -> requireChangeable(record, "revoked");
            case REINSTATE -> {
                requireChangeable(record, "reinstated");
                if (record.status() != CertificateStatus.SUSPENDED) {
                    throw CachetException.conflict("certificate " + id + " is " + record.status()
                            + ", not suspended: only a suspended certificate can be reinstated");
                }
            }
        }
        update(
                c,
                "UPDATE certificates SET status = ? WHERE id = ?",
                change.target().name(),
                id.value());
        EventLog.append(c, id, change.event(), actor, reason, at, Optional.empty());
        return find(c, id).orElseThrow();
    }

    /** Refuses any change to a certificate that is pending, revoked or superseded. */
    static void requireChangeable(CertificateRecord record, String verb) {
        CertificateId id = record.id();
        switch (record.status()) {
            case PENDING ->
                throw CachetException.conflict("certificate " + id
                        + " was never delivered (its issuance was interrupted): run `cachet registry repair`");
            case REVOKED ->
                throw CachetException.conflict(
                        "certificate " + id + " is revoked: a revoked certificate cannot be " + verb);
            case SUPERSEDED ->
                throw CachetException.conflict("certificate " + id + " was superseded by "
                        + record.supersededBy().map(CertificateId::value).orElse("?") + ": it cannot be " + verb
                        + " (act on the new certificate instead)");
            case VALID, SUSPENDED -> {}
        }
    }
}
