package io.cachet.core.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachet.core.CachetException;
import io.cachet.core.TestHomes;
import io.cachet.core.services.CachetServices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore gives every file and folder the mode its original had, also from backups that recorded none. */
class HomeBackupModesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Map<String, String> ENVIRONMENT = Map.of(HomeBackup.VARIABLE, PASSPHRASE);
    private static final byte[] MAGIC = "CACHET-BACKUP 1\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path folder;

    CachetHome home;
    Path backup;

    @BeforeEach
    void homeWithARegistryAndABackup() throws Exception {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"));
        CachetServices services = TestHomes.create(folder.resolve("home"), CLOCK);
        services.issuance()
                .issue("cir", TestHomes.sample(services, "cir"), folder.resolve("issued.pdf"), Locale.FRENCH);
        home = new CachetHome(folder.resolve("home"));
        // Modes an operator chose, which only a record can give back.
        Files.setPosixFilePermissions(home.rootCertificate(), PosixFilePermissions.fromString("rw-r-----"));
        Path exports = home.root().resolve("exports");
        Files.createDirectory(
                exports, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        backup = folder.resolve("home.backup");
        new HomeBackup(ENVIRONMENT).backup(home, backup);
    }

    @Test
    void everyFileAndFolderComesBackWithTheModeItHad() throws IOException {
        CachetHome restored = new CachetHome(folder.resolve("restored"));

        new HomeBackup(ENVIRONMENT).restore(backup, restored);

        Map<String, String> modes = modes(restored.root());
        assertThat(modes).isEqualTo(modes(home.root()));
        assertThat(modes)
                .containsEntry("registry.db", "rw-------")
                .containsEntry("keys/signer.p12", "rw-------")
                .containsEntry("keys/root-ca.p12", "rw-------")
                .containsEntry("keys/keystore-passphrase", "rw-------")
                .containsEntry("keys/", "rwx------")
                .containsEntry("./", "rwx------")
                .containsEntry("trust/root.pem", "rw-r-----")
                .containsEntry("exports/", "rwxr-x---");
    }

    @Test
    void aBackupWithoutRecordedModesIsRestoredWithTheModesAHomeIsCreatedWith() throws Exception {
        Path old = folder.resolve("old.backup");
        rewrite(backup, old, entries -> {
            entries.remove(HomeModes.ENTRY);
            return entries;
        });
        CachetHome restored = new CachetHome(folder.resolve("restored"));

        new HomeBackup(ENVIRONMENT).restore(old, restored);

        Map<String, String> modes = modes(restored.root());
        assertThat(modes)
                .containsEntry("./", "rwx------")
                .containsEntry("cachet.properties", "rw-r--r--")
                .containsEntry("registry.db", "rw-------")
                .containsEntry("keys/", "rwx------")
                .containsEntry("keys/signer.p12", "rw-------")
                .containsEntry("keys/keyring.json", "rw-------")
                .containsEntry("trust/", "rwxr-xr-x")
                .containsEntry("trust/root.pem", "rw-r--r--")
                .doesNotContainKey("exports/");
        modes.forEach((path, mode) -> {
            if (path.startsWith("keys/") && !path.endsWith("/") || path.startsWith("registry.db")) {
                assertThat(mode).as(path).isEqualTo("rw-------");
            }
        });
    }

    @Test
    void aModeListNamingAPathOutsideTheHomeIsRefused() throws Exception {
        Path hostile = folder.resolve("hostile.backup");
        rewrite(backup, hostile, entries -> {
            entries.put(HomeModes.ENTRY, "rwxrwxrwx ../outside\n".getBytes(StandardCharsets.UTF_8));
            return entries;
        });

        assertThatThrownBy(() -> new HomeBackup(ENVIRONMENT).restore(hostile, new CachetHome(folder.resolve("r"))))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.INVALID_INPUT))
                .hasMessageContaining("modes")
                .hasMessageContaining("leaves the home");
        assertThat(folder.resolve("outside")).doesNotExist();
    }

    @Test
    void aMalformedModeListIsRefusedWithItsLine() throws Exception {
        Path malformed = folder.resolve("malformed.backup");
        rewrite(backup, malformed, entries -> {
            entries.put(
                    HomeModes.ENTRY,
                    "# comment\nrw-r--r-- cachet.properties\nrwz------ keys/\n".getBytes(StandardCharsets.UTF_8));
            return entries;
        });

        assertThatThrownBy(() -> new HomeBackup(ENVIRONMENT).restore(malformed, new CachetHome(folder.resolve("r"))))
                .hasMessageContaining("line 3")
                .hasMessageContaining("'rwz------' is not a permission string");
    }

    /** Every file and folder under {@code root}: folders end with "/", the root is "./". */
    private static Map<String, String> modes(Path root) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String name = root.relativize(path).toString();
                if (Files.isDirectory(path)) {
                    name = name.isEmpty() ? "./" : name + "/";
                }
                modes.put(name, PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            }
        }
        return modes;
    }

    /**
     * Decrypts a backup (format in {@link HomeBackup}'s Javadoc), changes its entries and encrypts them again: the
     * backups an older Cachet or an attacker holding the passphrase would make.
     */
    private static void rewrite(Path from, Path to, UnaryOperator<Map<String, byte[]>> change) throws Exception {
        byte[] bytes = Files.readAllBytes(from);
        byte[] salt = Arrays.copyOfRange(bytes, MAGIC.length, MAGIC.length + 16);
        byte[] nonce = Arrays.copyOfRange(bytes, MAGIC.length + 16, MAGIC.length + 28);
        byte[] header = Arrays.copyOf(bytes, MAGIC.length + 28);
        Cipher decrypt = cipher(Cipher.DECRYPT_MODE, salt, nonce);
        decrypt.updateAAD(header);
        byte[] zipped = decrypt.doFinal(bytes, header.length, bytes.length - header.length);
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        ByteArrayOutputStream rezipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(rezipped)) {
            for (Map.Entry<String, byte[]> entry : change.apply(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        Cipher encrypt = cipher(Cipher.ENCRYPT_MODE, salt, nonce);
        encrypt.updateAAD(header);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(header);
        file.write(encrypt.doFinal(rezipped.toByteArray()));
        Files.write(to, file.toByteArray());
    }

    private static Cipher cipher(int mode, byte[] salt, byte[] nonce) throws Exception {
        byte[] key = SCrypt.generate(PASSPHRASE.getBytes(StandardCharsets.UTF_8), salt, 1 << 15, 8, 1, 32);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        return cipher;
    }
}
