package io.cachet.core.trust;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.home.KeyManagement;
import io.cachet.core.keys.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A trust folder, read as at start: {@link TrustStore#loadFolder} ({@code root.pem}, {@code signers/*.pem},
 * {@code tsa/*.pem}) and the key revocations of {@code revocations.json}. Its digest covers the names and contents of
 * exactly those files, so that a certificate added, replaced or removed is a change, and nothing else is.
 */
final class TrustFolder implements TrustOrigin {
    private final Path directory;

    TrustFolder(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    @Override
    public String describe() {
        return "the trust folder " + directory;
    }

    @Override
    public TrustMaterial read(Instant now) {
        Path root = directory.resolve("root.pem");
        if (!Files.isRegularFile(root)) {
            throw CachetException.configuration("no trust material: " + root + " is missing");
        }
        // The digest is taken before the files are read: a file changed in between makes the next poll's digest
        // differ, and the folder is read again then.
        String digest = digest();
        TrustStore trust = TrustStore.loadFolder(directory).withRevocations(KeyManagement.revocations(directory));
        return new TrustMaterial(digest, trust, Optional.empty());
    }

    private String digest() {
        List<Path> files = new ArrayList<>();
        files.add(directory.resolve("root.pem"));
        files.addAll(pemFiles(directory.resolve("signers")));
        files.addAll(pemFiles(directory.resolve(TrustStore.TIMESTAMP_ANCHORS_FOLDER)));
        files.add(directory.resolve(KeyManagement.REVOCATIONS_FILE));
        files.add(directory.resolve(TrustStore.TWODOC_FILE));
        MessageDigest sha256 = Sha256.newDigest();
        for (Path file : files) {
            sha256.update(directory.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            try {
                if (Files.isRegularFile(file)) {
                    sha256.update(Files.readAllBytes(file));
                }
            } catch (IOException e) {
                throw CachetException.configuration("cannot read " + file + ": " + e.getMessage(), e);
            }
            sha256.update((byte) 0);
        }
        return Sha256.hex(sha256);
    }

    private static List<Path> pemFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".pem"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw CachetException.configuration("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
