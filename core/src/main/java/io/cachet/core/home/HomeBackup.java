package io.cachet.core.home;

import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Encrypted backups of a whole home (keys, keyring, trust material, configuration, registry) and their restore.
 *
 * <p>Format: the ASCII line {@code CACHET-BACKUP 1}, a 16-byte scrypt salt (N=2^15, r=8, p=1 → 32-byte key, RFC
 * 7914), a 12-byte nonce, then AES-256-GCM over a ZIP of the home's files; the header is authenticated as
 * associated data, so any change to the file is detected. The passphrase comes from {@value #VARIABLE}: never
 * from a command-line argument. The ZIP's first entry records every file's and folder's permissions
 * ({@link HomeModes}), which a restore gives back; backups without it are restored with the modes Cachet creates a
 * home with.
 */
public final class HomeBackup {
    public static final String VARIABLE = "CACHET_BACKUP_PASSWORD";
    private static final byte[] MAGIC = "CACHET-BACKUP 1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT = 16;
    private static final int NONCE = 12;
    /** A restored home is refused beyond this size (a home is a few megabytes; the registry may grow). */
    private static final long MAX_RESTORED_BYTES = 4L * 1024 * 1024 * 1024;

    private final Map<String, String> environment;

    public HomeBackup(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Writes an encrypted backup of {@code home} to {@code out}; returns the number of files saved. */
    public int backup(CachetHome home, Path out) {
        home.config();
        char[] passphrase = passphrase();
        try {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            int files = 0;
            try (ZipOutputStream zip = new ZipOutputStream(zipped);
                    Stream<Path> walk = Files.walk(home.root())) {
                Optional<String> modes = HomeModes.record(home.root());
                if (modes.isPresent()) {
                    zip.putNextEntry(new ZipEntry(HomeModes.ENTRY));
                    zip.write(modes.get().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = home.root().relativize(file).toString().replace('\\', '/');
                    if (name.equals(HomeModes.ENTRY)) {
                        continue;
                    }
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(file, zip);
                    zip.closeEntry();
                    files++;
                }
            }
            byte[] salt = random(SALT);
            byte[] nonce = random(NONCE);
            byte[] header = header(salt, nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, passphrase, salt, nonce);
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(zipped.toByteArray());
            ByteArrayOutputStream file = new ByteArrayOutputStream(header.length + sealed.length);
            file.write(header);
            file.write(sealed);
            SecureFiles.writeSecret(out, file.toByteArray());
            return files;
        } catch (IOException | GeneralSecurityException e) {
            throw CachetException.internal("cannot write the backup " + out + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Restores a backup into {@code home}, which must not exist yet (or be an empty folder). */
    public int restore(Path backup, CachetHome home) {
        if (Files.exists(home.root()) && !isEmptyDirectory(home.root())) {
            throw CachetException.conflict(
                    home.root() + " is not empty: restore into a new --home (nothing was changed)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(backup);
        } catch (java.nio.file.NoSuchFileException e) {
            throw CachetException.usage("backup file not found: " + backup);
        } catch (IOException e) {
            throw CachetException.usage("cannot read " + backup + ": " + e.getMessage());
        }
        if (bytes.length < MAGIC.length + SALT + NONCE + 16
                || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw CachetException.invalidInput(backup + " is not a Cachet backup");
        }
        byte[] salt = Arrays.copyOfRange(bytes, MAGIC.length, MAGIC.length + SALT);
        byte[] nonce = Arrays.copyOfRange(bytes, MAGIC.length + SALT, MAGIC.length + SALT + NONCE);
        int bodyStart = MAGIC.length + SALT + NONCE;
        char[] passphrase = passphrase();
        byte[] zipped;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, passphrase, salt, nonce);
            cipher.updateAAD(Arrays.copyOf(bytes, bodyStart));
            zipped = cipher.doFinal(bytes, bodyStart, bytes.length - bodyStart);
        } catch (AEADBadTagException e) {
            throw CachetException.invalidInput(
                    "cannot decrypt " + backup + ": wrong " + VARIABLE + ", or the file was altered");
        } catch (GeneralSecurityException e) {
            throw CachetException.internal("cannot decrypt " + backup + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        return unzip(zipped, home);
    }

    /**
     * Writes every file owner-only first, then gives each file and folder its recorded mode (else the mode Cachet
     * creates it with, for backups that recorded none): nothing is ever more open than its original, even for a
     * moment, and a restore that fails half way leaves only owner-only files.
     */
    private static int unzip(byte[] zipped, CachetHome home) {
        List<String> files = new ArrayList<>();
        Map<String, Set<PosixFilePermission>> modes = Map.of();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
            SecureFiles.createPrivateDirectory(home.root());
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = home.root().resolve(entry.getName()).normalize();
                // No entry may leave the home (zip slip), whatever the archive says.
                if (!target.startsWith(home.root()) || target.equals(home.root()) || entry.isDirectory()) {
                    throw CachetException.invalidInput(
                            "the backup holds an entry outside the home: " + entry.getName());
                }
                byte[] content = zip.readAllBytes();
                total += content.length;
                if (total > MAX_RESTORED_BYTES) {
                    throw CachetException.invalidInput("the backup expands beyond " + MAX_RESTORED_BYTES + " bytes");
                }
                if (entry.getName().equals(HomeModes.ENTRY)) {
                    if (!modes.isEmpty()) {
                        throw CachetException.invalidInput("the backup holds two lists of file modes");
                    }
                    modes = HomeModes.parse(new String(content, StandardCharsets.UTF_8), home.root());
                    continue;
                }
                SecureFiles.createPrivateDirectory(target.getParent());
                SecureFiles.writeSecret(target, content);
                files.add(home.root().relativize(target).toString().replace('\\', '/'));
            }
            HomeModes.apply(home.root(), files, modes);
        } catch (IOException e) {
            throw CachetException.internal("cannot restore into " + home.root() + ": " + e.getMessage(), e);
        }
        if (!home.exists()) {
            throw CachetException.invalidInput(
                    "the backup holds no " + CachetHome.CONFIG_FILE + ": not a backup of a home");
        }
        return files.size();
    }

    private static Cipher cipher(int mode, char[] passphrase, byte[] salt, byte[] nonce)
            throws GeneralSecurityException {
        byte[] key = SCrypt.generate(new String(passphrase).getBytes(StandardCharsets.UTF_8), salt, 1 << 15, 8, 1, 32);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        Arrays.fill(key, (byte) 0);
        return cipher;
    }

    private static byte[] header(byte[] salt, byte[] nonce) {
        byte[] header = new byte[MAGIC.length + salt.length + nonce.length];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        System.arraycopy(salt, 0, header, MAGIC.length, salt.length);
        System.arraycopy(nonce, 0, header, MAGIC.length + salt.length, nonce.length);
        return header;
    }

    private char[] passphrase() {
        String value = environment.get(VARIABLE);
        if (value == null || value.length() < 12) {
            throw CachetException.configuration(
                    "set " + VARIABLE + " to the backup passphrase (at least 12 characters)");
        }
        return value.toCharArray();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static boolean isEmptyDirectory(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
