package io.cachet.core.registry;

import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishing or discarding interrupted issuances: a PENDING record whose PDF is complete (hash as recorded) is
 * delivered; one whose PDF is missing is removed, with any temporary file left beside it; one whose file has other
 * content is left for a person.
 */
final class PendingRepair {
    private PendingRepair() {}

    static RepairReport repair(Registry registry, List<CertificateRecord> pending, String actor, Instant at) {
        List<CertificateId> completed = new ArrayList<>();
        List<CertificateId> discarded = new ArrayList<>();
        List<CertificateId> conflicting = new ArrayList<>();
        for (CertificateRecord record : pending) {
            Path file = record.file();
            deleteTemporaryFiles(file);
            if (Files.isRegularFile(file)) {
                if (sha256(file).equals(record.pdfSha256())) {
                    registry.markDelivered(record.id(), actor, at);
                    completed.add(record.id());
                } else {
                    conflicting.add(record.id());
                }
            } else {
                registry.discardPending(record.id());
                discarded.add(record.id());
            }
        }
        return new RepairReport(completed, discarded, conflicting);
    }

    /** SecureFiles writes {@code .NAME.UUID.tmp} beside the target; a crash may leave one. */
    private static void deleteTemporaryFiles(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        String prefix = "." + file.getFileName() + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                directory,
                entry -> entry.getFileName().toString().startsWith(prefix)
                        && entry.getFileName().toString().endsWith(".tmp"))) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw CachetException.internal("cannot clean temporary files in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) {
        try {
            return Sha256.hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw CachetException.internal("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
