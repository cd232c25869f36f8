package io.cachet.core.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachet.core.CachetException;
import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.Keystores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New keystores need a passphrase of 12 characters or more; a passphrase file must be the owner's alone. */
class KeystorePassphraseTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    private static final String ELEVEN = "abcdefghijk";
    private static final String TWELVE = "abcdefghijkl";

    @TempDir
    Path folder;

    @Test
    void productionInitRefusesAPassphraseUnderTwelveCharactersAndCreatesNothing() {
        CachetHome home = new CachetHome(folder.resolve("home"));

        assertThatThrownBy(() -> initialize(home, Map.of(KeystorePassphrase.VARIABLE, ELEVEN), false, false))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.CONFIGURATION))
                .hasMessageContaining("CACHET_KEYSTORE_PASSWORD has 11 characters")
                .hasMessageContaining("at least 12")
                .hasMessageContaining("still open");
        assertThat(home.root()).doesNotExist();
    }

    @Test
    void productionInitAcceptsTwelveCharactersAndTheKeysOpenWithThem() {
        CachetHome home = new CachetHome(folder.resolve("home"));
        Map<String, String> environment = Map.of(KeystorePassphrase.VARIABLE, TWELVE);

        initialize(home, environment, false, false);

        char[] passphrase = KeystorePassphrase.resolve(home, home.config(), environment);
        assertThat(Keystores.read(home.signerKeystore(), "PAR", passphrase).certificate())
                .isNotNull();
    }

    @Test
    void aRefusedPassphraseLeavesTheExistingHomeInPlaceEvenWithForce() throws IOException {
        CachetHome home = new CachetHome(folder.resolve("home"));
        initialize(home, Map.of(), true, false);

        assertThatThrownBy(() -> initialize(home, Map.of(KeystorePassphrase.VARIABLE, ELEVEN), false, true))
                .hasMessageContaining("at least 12");
        assertThat(home.config().development()).isTrue();
        try (var siblings = Files.list(folder)) {
            assertThat(siblings).containsExactly(home.root());
        }
    }

    @Test
    void aHomeMadeWithAShortPassphraseStillOpens() {
        // Development homes accept any passphrase given: this stands for a home made before the rule.
        CachetHome home = new CachetHome(folder.resolve("home"));
        Map<String, String> environment = Map.of(KeystorePassphrase.VARIABLE, "short");
        initialize(home, environment, true, false);

        char[] passphrase = KeystorePassphrase.resolve(home, home.config(), environment);

        assertThat(new String(passphrase)).isEqualTo("short");
        assertThat(Keystores.read(home.signerKeystore(), "PAR", passphrase).certificate())
                .isNotNull();
    }

    @Test
    void theDevelopmentPassphraseFileIsTheOwnersAloneAndOpensTheKeys() throws IOException {
        assumeTrue(posix());
        CachetHome home = new CachetHome(folder.resolve("home"));
        initialize(home, Map.of(), true, false);

        char[] passphrase = KeystorePassphrase.resolve(home, home.config(), Map.of());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.developmentPassphraseFile())))
                .isEqualTo("rw-------");
        assertThat(passphrase).hasSizeGreaterThanOrEqualTo(KeystorePassphrase.MINIMUM_LENGTH);
        assertThat(Keystores.read(home.signerKeystore(), "PAR", passphrase).certificate())
                .isNotNull();
    }

    @Test
    void aPassphraseFileOthersCanReadOrWriteIsRefusedWithTheFix() throws IOException {
        assumeTrue(posix());
        CachetHome home = new CachetHome(folder.resolve("home"));
        initialize(home, Map.of(), true, false);
        Path file = home.developmentPassphraseFile();

        for (String mode : new String[] {"rw-r-----", "rw--w----", "rw----r--", "rw-----w-", "rw-rw-rw-"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

            assertThatThrownBy(() -> KeystorePassphrase.resolve(home, home.config(), Map.of()))
                    .as(mode)
                    .isInstanceOfSatisfying(
                            CachetException.class,
                            e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.CONFIGURATION))
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining(mode)
                    .hasMessageContaining("chmod 600 " + file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(KeystorePassphrase.resolve(home, home.config(), Map.of())).isNotEmpty();
    }

    @Test
    void theEnvironmentVariableWinsOverAPassphraseFileOpenToOthers() throws IOException {
        assumeTrue(posix());
        CachetHome home = new CachetHome(folder.resolve("home"));
        initialize(home, Map.of(), true, false);
        char[] generated = KeystorePassphrase.resolve(home, home.config(), Map.of());
        Files.setPosixFilePermissions(home.developmentPassphraseFile(), PosixFilePermissions.fromString("rw-r--r--"));

        char[] resolved =
                KeystorePassphrase.resolve(home, home.config(), Map.of(KeystorePassphrase.VARIABLE, "from-env"));

        assertThat(new String(resolved)).isEqualTo("from-env");
        assertThat(generated).isNotEqualTo(resolved);
    }

    private static void initialize(
            CachetHome home, Map<String, String> environment, boolean development, boolean replaceExisting) {
        new HomeInitializer(CLOCK, environment)
                .initialize(
                        home,
                        new HomeInitializer.Request(
                                "PAR",
                                "Direction territoriale de Paris",
                                development,
                                replaceExisting,
                                "https://verifier.example.fr",
                                development ? Optional.empty() : Optional.of("https://tsa.example.fr/tsr"),
                                development ? List.of() : List.of(timestampCa())));
    }

    /** Any CA certificate: a production home must name its timestamp authority's anchor. */
    private static X509Certificate timestampCa() {
        return DevelopmentPki.rootCertificate(DevelopmentPki.newP256KeyPair(), true, CLOCK.instant());
    }

    private boolean posix() {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
