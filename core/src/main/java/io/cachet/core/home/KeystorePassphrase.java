package io.cachet.core.home;

import io.cachet.core.CachetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the keystore passphrase: the {@value #VARIABLE} environment variable, else the file named in the home's
 * configuration. Never from a command-line argument (it would show in {@code ps} and shell history), never logged.
 *
 * <p>A passphrase file must be readable and writable by its owner only (mode 0600 or narrower) on a POSIX file
 * system; elsewhere (Windows) its permissions are not checked. A new keystore passphrase must have at least
 * {@value #MINIMUM_LENGTH} characters; an existing keystore made with a shorter one still opens.
 */
public final class KeystorePassphrase {
    public static final String VARIABLE = "CACHET_KEYSTORE_PASSWORD";

    /** The fewest characters a passphrase protecting new keystores may have. */
    public static final int MINIMUM_LENGTH = 12;

    private static final Set<PosixFilePermission> SHARED = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private KeystorePassphrase() {}

    public static char[] resolve(CachetHome home, HomeConfig config, Map<String, String> environment) {
        String fromEnvironment = environment.get(VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (config.passphraseFile().isPresent()) {
            return readFile(config.passphraseFile().get());
        }
        throw CachetException.configuration(
                "no keystore passphrase: set " + VARIABLE + " for the home at " + home.root());
    }

    /**
     * Refuses a passphrase too short to protect new keystores: {@code source} names where it came from in the
     * message. Only for new keystores: reading existing ones accepts whatever passphrase made them.
     */
    public static void requireStrongForNewKeystores(char[] passphrase, String source) {
        if (passphrase.length < MINIMUM_LENGTH) {
            throw CachetException.configuration(source + " has " + passphrase.length
                    + " characters: a passphrase protecting new keys needs at least " + MINIMUM_LENGTH
                    + " (homes made earlier with a shorter one still open with it)");
        }
    }

    /**
     * Reads a passphrase from {@code file}, refusing a file that group or others can read or write, or an empty one
     * (e.g. a verifier's report keystore passphrase).
     */
    public static char[] fromFile(Path file) {
        return readFile(file);
    }

    private static char[] readFile(Path file) {
        refuseIfShared(file);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw CachetException.configuration("passphrase file " + file + " is empty");
            }
            return text.toCharArray();
        } catch (IOException e) {
            throw CachetException.configuration(
                    "cannot read passphrase file " + file + ": " + e.getMessage() + " (or set " + VARIABLE + ")");
        }
    }

    /** A passphrase others can read is no secret, and one others can write lets them choose it. */
    private static void refuseIfShared(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw CachetException.configuration(
                    "cannot read passphrase file " + file + ": " + e.getMessage() + " (or set " + VARIABLE + ")");
        }
        if (!java.util.Collections.disjoint(permissions, SHARED)) {
            throw CachetException.configuration("passphrase file " + file + " is open to other users (mode "
                    + PosixFilePermissions.toString(permissions) + "): the keys are only as safe as it is. Run `chmod"
                    + " 600 " + file + "` (and consider a new passphrase if others may have read it)");
        }
    }
}
