package io.cachet.core.registry;

import java.util.List;

/**
 * What {@link Registry#repair} did with interrupted issuances.
 *
 * @param completed PDFs found complete (hash as recorded): now delivered
 * @param discarded records whose PDF was never written: removed, their ids never reach anyone
 * @param conflicting records whose file exists with other content: left pending for a person to look at
 * @param recent records younger than the repair's minimum age: left alone, an issuance may still be writing them
 */
public record RepairReport(
        List<CertificateId> completed,
        List<CertificateId> discarded,
        List<CertificateId> conflicting,
        List<CertificateId> recent) {
    public RepairReport {
        completed = List.copyOf(completed);
        discarded = List.copyOf(discarded);
        conflicting = List.copyOf(conflicting);
        recent = List.copyOf(recent);
    }

    public RepairReport(List<CertificateId> completed, List<CertificateId> discarded, List<CertificateId> conflicting) {
        this(completed, discarded, conflicting, List.of());
    }

    public boolean nothingToDo() {
        return completed.isEmpty() && discarded.isEmpty() && conflicting.isEmpty() && recent.isEmpty();
    }
}
