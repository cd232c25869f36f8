package io.cachet.core.home;

import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The POSIX permissions of a home's files and folders, as a backup records them and a restore gives them back.
 *
 * <p>The record is UTF-8 text, one line per file or folder: the permissions as {@code ls} shows them
 * ({@code rw-------}), one space, and the path relative to the home with {@code /} as separator; a folder's path
 * ends with {@code /} and the home itself is {@code ./}. Lines starting with {@code #} are comments.
 *
 * <p>Backups made before modes were recorded, or on a file system without POSIX permissions, carry no record: a
 * restore then gives the modes Cachet creates a home with: {@code keys/} and the SQLite registry
 * ({@code registry.db*}) 0600 in folders 0700, the home 0700, everything else 0644 in folders 0755.
 */
final class HomeModes {
    /** The archive entry holding the record; never a file of a home. */
    static final String ENTRY = ".cachet-backup-modes";

    private static final String ROOT = "./";
    private static final int PERMISSIONS = 9;
    private static final Set<PosixFilePermission> SECRET_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PUBLIC_FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");

    private HomeModes() {}

    static boolean supported(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The record of every file and folder under {@code root}; empty where the file system has no POSIX modes. */
    static Optional<String> record(Path root) throws IOException {
        if (!supported(root)) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("# Cachet backup: permissions of the home's files and folders\n");
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted().toList()) {
                String name = relative(root, path);
                if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.equals(ENTRY)) {
                    continue; // not representable on a line (or not the home's): restored with the known mode
                }
                boolean folder = Files.isDirectory(path);
                if (!folder && !Files.isRegularFile(path)) {
                    continue;
                }
                String line = folder ? (name.isEmpty() ? ROOT : name + "/") : name;
                text.append(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                        .append(' ')
                        .append(line)
                        .append('\n');
            }
        }
        return Optional.of(text.toString());
    }

    /**
     * Reads a record; refuses a malformed line or a path that leaves the home.
     *
     * @return permissions by line path (folders end with {@code /}, the home is {@code ./})
     */
    static Map<String, Set<PosixFilePermission>> parse(String text, Path root) {
        Map<String, Set<PosixFilePermission>> modes = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.length() < PERMISSIONS + 2 || line.charAt(PERMISSIONS) != ' ') {
                throw malformed(i, "expected PERMISSIONS PATH");
            }
            Set<PosixFilePermission> permissions;
            try {
                permissions = PosixFilePermissions.fromString(line.substring(0, PERMISSIONS));
            } catch (IllegalArgumentException e) {
                throw malformed(i, "'" + line.substring(0, PERMISSIONS) + "' is not a permission string");
            }
            String name = line.substring(PERMISSIONS + 1);
            if (!name.equals(ROOT) && !inside(root, name)) {
                throw malformed(i, "the path " + name + " leaves the home");
            }
            if (modes.put(name, permissions) != null) {
                throw malformed(i, "the path " + name + " is listed twice");
            }
        }
        return modes;
    }

    /**
     * Gives every restored file and every folder under {@code root} its recorded mode, else its known one; creates
     * recorded folders that hold no file. Files first, then folders from the deepest up, so that no folder closes
     * before what it holds is done.
     *
     * @param files the restored files, relative to {@code root} with {@code /} as separator
     */
    static void apply(Path root, List<String> files, Map<String, Set<PosixFilePermission>> recorded)
            throws IOException {
        if (!supported(root)) {
            return;
        }
        for (String name : recorded.keySet()) {
            if (name.endsWith("/") && !name.equals(ROOT)) {
                SecureFiles.createPrivateDirectory(root.resolve(name));
            }
        }
        for (String name : files) {
            Set<PosixFilePermission> mode = recorded.getOrDefault(name, knownFileMode(name));
            Files.setPosixFilePermissions(root.resolve(name), mode);
        }
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isDirectory).forEach(folders::add);
        }
        folders.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path folder : folders) {
            String name = relative(root, folder);
            String line = name.isEmpty() ? ROOT : name + "/";
            Files.setPosixFilePermissions(folder, recorded.getOrDefault(line, knownFolderMode(name)));
        }
    }

    /** The mode Cachet gives a file it creates at {@code name} (relative, {@code /} separated). */
    static Set<PosixFilePermission> knownFileMode(String name) {
        return name.startsWith("keys/") || name.startsWith("registry.db") ? SECRET_FILE : PUBLIC_FILE;
    }

    /** The mode Cachet gives a folder it creates at {@code name} (relative; empty for the home itself). */
    static Set<PosixFilePermission> knownFolderMode(String name) {
        return name.isEmpty() || name.equals("keys") || name.startsWith("keys/") ? PRIVATE_FOLDER : PUBLIC_FOLDER;
    }

    private static boolean inside(Path root, String name) {
        Path resolved = root.resolve(name).normalize();
        return resolved.startsWith(root) && !resolved.equals(root);
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static CachetException malformed(int index, String problem) {
        return CachetException.invalidInput(
                "the backup's list of file modes is malformed at line " + (index + 1) + ": " + problem);
    }
}
