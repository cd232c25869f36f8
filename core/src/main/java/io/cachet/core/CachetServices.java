package io.cachet.core;

import static java.util.Objects.requireNonNull;

import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeConfig;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.issue.IssuanceService;
import io.cachet.core.issue.PreviewService;
import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.HttpTimestampAuthority;
import io.cachet.core.pdf.LocalTimestampAuthority;
import io.cachet.core.pdf.PadesSigner;
import io.cachet.core.pdf.TimestampAuthority;
import io.cachet.core.render.CertificateRenderer;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.verify.ReportPdf;
import io.cachet.core.verify.VerificationService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires core's services from a home: the one place the CLI and the web ask for them. Expensive parts (templates,
 * renderer, keys) are created on first use and then shared.
 */
public final class CachetServices {
    /** How long issuance waits for a remote timestamp authority (connection and answer, each). */
    static final Duration TSA_TIMEOUT = Duration.ofSeconds(10);

    /** The alias of the verifier's key in {@code keys/verifier.p12}. */
    static final String VERIFIER_ALIAS = "verifier";

    private final CachetHome home;
    private final Optional<Path> templatesDirectory;
    private final Map<String, String> environment;
    private final Clock clock;

    private TypeCatalog catalog;
    private CertificateRenderer renderer;

    public CachetServices(
            CachetHome home, Optional<Path> templatesDirectory, Map<String, String> environment, Clock clock) {
        this.home = requireNonNull(home, "home is null");
        this.templatesDirectory = requireNonNull(templatesDirectory, "templatesDirectory is null");
        this.environment = Map.copyOf(environment);
        this.clock = requireNonNull(clock, "clock is null");
    }

    public CachetHome home() {
        return home;
    }

    public HomeConfig config() {
        return home.config();
    }

    public Clock clock() {
        return clock;
    }

    public synchronized TypeCatalog catalog() {
        if (catalog == null) {
            catalog = templatesDirectory.map(TypeCatalog::load).orElseGet(TypeCatalog::loadBundled);
        }
        return catalog;
    }

    public synchronized CertificateRenderer renderer() {
        if (renderer == null) {
            renderer = new CertificateRenderer(catalog());
        }
        return renderer;
    }

    /** The trust material of the home: what a verifier needs, no private key. */
    public TrustStore trustStore() {
        config();
        return TrustStore.load(home.rootCertificate(), home.signerCertificates());
    }

    public VerificationService verification() {
        return new VerificationService(trustStore(), clock);
    }

    /**
     * Specimens need no key and no home: the office printed on them comes from the home when there is one, else a
     * placeholder, since a specimen is never valid anyway.
     */
    public PreviewService preview() {
        IssuanceService.Office office = home.exists()
                ? new IssuanceService.Office(config().officeCode(), config().officeName(), config().verifierUrl())
                : new IssuanceService.Office(
                        "SPECIMEN", "Direction territoriale (spécimen)", HomeConfig.DEFAULT_VERIFIER_URL);
        return new PreviewService(catalog(), renderer(), office, clock);
    }

    /** Issuing needs the office's private key, so the keystore passphrase. */
    public IssuanceService issuance() {
        HomeConfig config = config();
        char[] passphrase = KeystorePassphrase.resolve(home, config, environment);
        SignerKey key;
        TimestampAuthority timestamps;
        try {
            key = Keystores.read(home.signerKeystore(), config.officeCode(), passphrase);
            timestamps = timestampAuthority(config, passphrase);
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
        return new IssuanceService(
                catalog(),
                renderer(),
                key,
                timestamps,
                new IssuanceService.Office(config.officeCode(), config.officeName(), config.verifierUrl()),
                clock);
    }

    /**
     * Writes verification report PDFs signed (PAdES B-T) with the verifier's key, {@code keys/verifier.p12}; a home
     * that holds its root key (development homes) makes that key on first use.
     */
    public ReportPdf reportPdf() {
        HomeConfig config = config();
        char[] passphrase = KeystorePassphrase.resolve(home, config, environment);
        try {
            SignerKey key = Files.exists(home.verifierKeystore())
                    ? Keystores.read(home.verifierKeystore(), VERIFIER_ALIAS, passphrase)
                    : createVerifierKey(config, passphrase);
            return new ReportPdf(
                    new PadesSigner(key, timestampAuthority(config, passphrase)),
                    key.certificate().getSubjectX500Principal().getName());
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    private SignerKey createVerifierKey(HomeConfig config, char[] passphrase) {
        if (!Files.exists(home.rootKeystore())) {
            throw CachetException.configuration("no verifier key at " + home.verifierKeystore()
                    + " to sign the report, and no root key in this home to make one: install the verifier key"
                    + " there (alias '" + VERIFIER_ALIAS + "')");
        }
        SignerKey root = Keystores.read(home.rootKeystore(), "root", passphrase);
        KeyPair keys = DevelopmentPki.newP256KeyPair();
        X509Certificate certificate = DevelopmentPki.verifierCertificate(
                keys,
                root.certificate(),
                root.privateKey(),
                config.development(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS));
        List<X509Certificate> chain = List.of(certificate, root.certificate());
        Keystores.write(home.verifierKeystore(), VERIFIER_ALIAS, keys.getPrivate(), chain, passphrase);
        return new SignerKey(VERIFIER_ALIAS, keys.getPrivate(), chain);
    }

    /**
     * The configured {@code tsa.url}, else the home's local TEST authority (development homes); a home with neither
     * cannot issue: issuance never produces a PDF without its timestamp.
     */
    private TimestampAuthority timestampAuthority(HomeConfig config, char[] passphrase) {
        if (config.tsaUrl().isPresent()) {
            return new HttpTimestampAuthority(URI.create(config.tsaUrl().get()), TSA_TIMEOUT);
        }
        if (!Files.exists(home.timestampKeystore())) {
            throw CachetException.configuration("no timestamp authority for the home at " + home.root()
                    + ": set tsa.url in " + home.configFile() + " (an RFC 3161 HTTP timestamp service), or, for a"
                    + " development home made before timestamps, re-create it with `cachet init --test --force`");
        }
        return new LocalTimestampAuthority(
                Keystores.read(home.timestampKeystore(), HomeInitializer.TIMESTAMP_ALIAS, passphrase), clock);
    }
}
