package io.cachet.core.home;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.ReportSigners;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The verifiers' report-signing keys, made with the root key (so on the root's machine): each is a P-256 key certified
 * by the root for signing verification reports only ({@link ReportSigners}), delivered as a PKCS#12 file for the
 * verifier that will hold it; its certificate goes into {@code trust/verifiers/}, and from there into the trust
 * folder and the trust list that every verifier receives, so that anyone can check a report against it.
 */
public final class VerifierKeys {
    /** The alias of the key in a verifier's keystore. */
    public static final String ALIAS = "verifier";

    private static final int MAX_NAME_LENGTH = 64;

    private final CachetHome home;
    private final Map<String, String> environment;
    private final Clock clock;

    /** A verifier key made: where its keystore was written, its certificate, and where the certificate is trusted. */
    public record Added(Path keystore, X509Certificate certificate, Path trustedCertificate) {}

    public VerifierKeys(CachetHome home, Map<String, String> environment, Clock clock) {
        this.home = requireNonNull(home, "home is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Makes a verifier's key named {@code name}, writes it to {@code keystore} (a new file, mode 0600) protected by
     * {@code keystorePassphrase}, and trusts its certificate in this home ({@code trust/verifiers/}).
     *
     * @param name who holds it, e.g. {@code Préfecture du Rhône}: letters, digits, spaces and {@code -'.()}, at most
     *     64 characters
     */
    public Added add(String name, Path keystore, char[] keystorePassphrase) {
        checkName(name);
        if (Files.exists(keystore)) {
            throw CachetException.conflict(
                    keystore + " already exists: choose another file (an existing key is never overwritten)");
        }
        if (!Files.exists(home.rootKeystore())) {
            throw CachetException.configuration("no root key at " + home.rootKeystore()
                    + ": a verifier key is made on the machine that holds the root key (`cachet keys add-verifier`"
                    + " there), and its keystore then handed to the verifier");
        }
        char[] homePassphrase = KeystorePassphrase.resolve(home, home.config(), environment);
        SignerKey root;
        try {
            root = Keystores.read(home.rootKeystore(), "root", homePassphrase);
        } finally {
            java.util.Arrays.fill(homePassphrase, '\0');
        }
        KeyPair keys = DevelopmentPki.newP256KeyPair();
        X509Certificate certificate = DevelopmentPki.verifierCertificate(
                keys,
                name.strip(),
                root.certificate(),
                root.privateKey(),
                home.config().development(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS),
                home.config().verifierUrl().replaceAll("/+$", "") + "/crl/root.crl");
        Path trusted = home.trustDirectory()
                .resolve(TrustStore.VERIFIERS_FOLDER)
                .resolve(Kid.of(certificate).hex() + ".pem");
        Keystores.write(
                keystore, ALIAS, keys.getPrivate(), List.of(certificate, root.certificate()), keystorePassphrase);
        try {
            Files.createDirectories(trusted.getParent());
            SecureFiles.writePublic(trusted, Pem.encode(certificate));
        } catch (IOException e) {
            throw CachetException.internal("cannot write " + trusted + ": " + e.getMessage(), e);
        }
        return new Added(keystore, certificate, trusted);
    }

    /** The verifiers' certificates this home trusts ({@code trust/verifiers/*.pem}). */
    public static List<X509Certificate> trusted(CachetHome home) {
        return TrustStore.certificatesIn(home.trustDirectory().resolve(TrustStore.VERIFIERS_FOLDER));
    }

    /**
     * Reads a verifier's key from its keystore, refusing any key that is not certified for reports only: an office
     * key never signs a report.
     */
    public static SignerKey read(Path keystore, char[] passphrase) {
        SignerKey key = Keystores.read(keystore, ALIAS, passphrase);
        if (!ReportSigners.isReportSigner(key.certificate())) {
            throw CachetException.configuration(keystore + " holds a key certified as "
                    + key.certificate().getSubjectX500Principal().getName()
                    + ", not a verifier's report-signing key: make one with `cachet keys add-verifier`"
                    + " (an office key never signs reports)");
        }
        return key;
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw CachetException.usage("a verifier needs a name (--name), e.g. \"Préfecture du Rhône\"");
        }
        if (name.strip().length() > MAX_NAME_LENGTH || !name.strip().matches("[\\p{L}\\p{N} ()'.-]+")) {
            throw CachetException.usage("the verifier name must be 1 to " + MAX_NAME_LENGTH
                    + " letters, digits, spaces or -'.() (it is written into its certificate)");
        }
    }
}
