package io.cachet.core.home;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A Cachet home: the folder holding an office's configuration, keys and trust material.
 *
 * <pre>
 * cachet.properties          configuration (office, mode, verifier URL, passphrase file)
 * keys/root-ca.p12           root CA key (development homes only; kept offline in production)
 * keys/signer.p12            the office's document-signing key and chain
 * keys/tsa.p12               the local TEST timestamp authority's key (development homes only)
 * keys/verifier.p12          the verifier's key that signs verification report PDFs (made on first use)
 * keys/keystore-passphrase   development homes only, mode 0600
 * trust/root.pem             the trust anchor verifiers pin
 * trust/signers/KID.pem      the document-signing certificates verifiers accept
 * trust/tsa/*.pem            the timestamp trust anchors: the CAs (or certificates) of the RFC 3161 authorities
 * issued/ID.pdf              the PDFs the issuing service (cachet issuer serve) issued
 * </pre>
 *
 * The home is chosen by {@code --home}, else the {@value #HOME_VARIABLE} environment variable, else
 * {@code ~/.cachet}.
 */
public record CachetHome(Path root) {
    public static final String HOME_VARIABLE = "CACHET_HOME";
    public static final String CONFIG_FILE = "cachet.properties";

    public CachetHome {
        requireNonNull(root, "root is null");
        root = root.toAbsolutePath().normalize();
    }

    /** Resolves the home from an explicit option, else the environment, else the default {@code ~/.cachet}. */
    public static CachetHome resolve(Optional<Path> option, Map<String, String> environment) {
        if (option.isPresent()) {
            return new CachetHome(option.get());
        }
        String fromEnvironment = environment.get(HOME_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new CachetHome(Path.of(fromEnvironment));
        }
        return new CachetHome(Path.of(System.getProperty("user.home"), ".cachet"));
    }

    public Path configFile() {
        return root.resolve(CONFIG_FILE);
    }

    public Path keysDirectory() {
        return root.resolve("keys");
    }

    public Path rootKeystore() {
        return keysDirectory().resolve("root-ca.p12");
    }

    public Path signerKeystore() {
        return keysDirectory().resolve("signer.p12");
    }

    /** The key of the local TEST timestamp authority, in development homes. */
    public Path timestampKeystore() {
        return keysDirectory().resolve("tsa.p12");
    }

    /** The verifier's key, which signs verification report PDFs. */
    public Path verifierKeystore() {
        return keysDirectory().resolve("verifier.p12");
    }

    public Path developmentPassphraseFile() {
        return keysDirectory().resolve("keystore-passphrase");
    }

    /** Where the issuing service keeps the PDFs it issued, one file per certificate id. */
    public Path issuedDirectory() {
        return root.resolve("issued");
    }

    public Path trustDirectory() {
        return root.resolve("trust");
    }

    public Path rootCertificate() {
        return trustDirectory().resolve("root.pem");
    }

    public Path signerCertificates() {
        return trustDirectory().resolve("signers");
    }

    /** True when this folder already holds a Cachet home (its configuration file exists). */
    public boolean exists() {
        return Files.exists(configFile());
    }

    /** Reads the configuration, failing with a fix-it message when the home was never initialised. */
    public HomeConfig config() {
        if (!exists()) {
            throw CachetException.configuration("no Cachet home at " + root + ": run `cachet init --home " + root
                    + "` first (or set --home / CACHET_HOME)");
        }
        return HomeConfig.read(configFile());
    }
}
