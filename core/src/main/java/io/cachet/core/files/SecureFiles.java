package io.cachet.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Writes files so that readers never see a partial file (temporary file, fsync, atomic rename) and, for secrets,
 * so that only the owner can read them (mode 0600, set at creation, never widened).
 */
public final class SecureFiles {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SecureFiles() {}

    /** Writes {@code bytes} to {@code target} atomically, readable by the owner only. */
    public static void writeSecret(Path target, byte[] bytes) throws IOException {
        write(target, bytes, true);
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void writePublic(Path target, byte[] bytes) throws IOException {
        write(target, bytes, false);
    }

    /**
     * Writes {@code bytes} to {@code target} atomically, failing with {@link java.nio.file.FileAlreadyExistsException}
     * instead of replacing an existing file: the complete file is hard-linked into place, which never clobbers.
     */
    public static void writeNew(Path target, byte[] bytes) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = writeTemporary(directory, target, bytes, false);
        try {
            try {
                Files.createLink(target, temporary);
            } catch (UnsupportedOperationException e) {
                Files.move(temporary, target);
            }
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void writePublic(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Creates a directory (and parents) that only the owner can enter. */
    public static void createPrivateDirectory(Path directory) throws IOException {
        if (POSIX) {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static void write(Path target, byte[] bytes, boolean secret) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = writeTemporary(directory, target, bytes, secret);
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes and syncs {@code bytes} to {@code .NAME.UUID.tmp} beside {@code target}: the one shape of temporary
     * file Cachet leaves behind if it is killed, which the registry's repair recognises and removes.
     */
    private static Path writeTemporary(Path directory, Path target, byte[] bytes, boolean secret) throws IOException {
        Files.createDirectories(directory);
        Path temporary = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"))
                }
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(
                temporary, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    private static void syncDirectory(Path directory) {
        // A directory fsync makes the rename durable (POSIX); not every platform allows opening a directory.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Best effort only: the file itself is already synced.
        }
    }
}
