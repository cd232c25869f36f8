package io.cachet.core.services;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeConfig;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.home.KeyManagement;
import io.cachet.core.home.Keyring;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.home.VerifierKeys;
import io.cachet.core.issue.IssuanceService;
import io.cachet.core.issue.PreviewService;
import io.cachet.core.issue.Reissuance;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.HttpTimestampAuthority;
import io.cachet.core.pdf.LocalTimestampAuthority;
import io.cachet.core.pdf.PdfExtender;
import io.cachet.core.pdf.PdfSignatureVerifier;
import io.cachet.core.pdf.TimestampAuthority;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.RegistryLocation;
import io.cachet.core.render.CertificateRenderer;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.verify.ReportPdf;
import io.cachet.core.verify.VerificationService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    private Registry registry;

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
        // The home's own 2D-Doc authority, for a folder written before it carried twodoc.properties.
        return TrustStore.loadFolder(home.trustDirectory())
                .withRevocations(KeyManagement.revocations(home))
                .withTwoDocAuthority(config().twoDocCaId());
    }

    /** Offices, key rotation and revocation (needs the keystore passphrase). */
    public KeyManagement keys() {
        return new KeyManagement(home, environment, clock);
    }

    public VerificationService verification() {
        return new VerificationService(trustStore(), clock, existingRegistry());
    }

    /**
     * The home's registry (SQLite in the home, or the database named by {@code CACHET_DB_URL} or
     * {@code registry.url}), created on first use.
     */
    public synchronized Registry registry() {
        if (registry == null) {
            registry = Registry.open(RegistryLocation.resolve(home, environment), config().officeCode());
        }
        return registry;
    }

    /** The registry when one is configured or already exists; empty for a verifier with only trust material. */
    public synchronized Optional<Registry> existingRegistry() {
        if (registry == null) {
            Optional<RegistryLocation> location = RegistryLocation.existing(home, environment);
            if (location.isEmpty()) {
                return Optional.empty();
            }
            registry = Registry.open(location.get(), config().officeCode());
        }
        return Optional.of(registry);
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

    /** Issuing for the home's own office needs its active private key, so the keystore passphrase. */
    public IssuanceService issuance() {
        return issuance(config().officeCode());
    }

    /** Corrections of the home's own office's certificates, recorded in its registry. */
    public Reissuance reissuance() {
        return new Reissuance(issuance(), registry());
    }

    /** Issuing for one office of the home, with the key it signs with now. */
    public IssuanceService issuance(String officeCode) {
        HomeConfig config = config();
        KeyManagement keys = keys();
        SignerKey key = keys.activeSigner(officeCode);
        Keyring.Office office = keys.office(officeCode);
        TimestampAuthority timestamps = timestampAuthority(config);
        return new IssuanceService(
                catalog(),
                renderer(),
                key,
                timestamps,
                trustStore(),
                new IssuanceService.Office(office.code(), office.name(), config.verifierUrl()),
                clock,
                Optional.of(registry()),
                config.statusListUri(),
                config.twoDocCaId());
    }

    /**
     * Extends issued PDFs for the long term (PAdES B-LT / B-LTA): validation data from this home's trust material
     * and root CRL, document timestamps from its timestamp authority.
     */
    public PdfExtender pdfExtender() {
        HomeConfig config = config();
        TimestampAuthority timestamps = timestampAuthority(config);
        TrustStore trust = trustStore();
        KeyManagement keys = keys();
        return new PdfExtender(
                new PdfSignatureVerifier(trust),
                trust.anchors(),
                timestamps,
                (issuer, notBefore) -> keys.crlIssuedAtOrAfter(notBefore),
                clock);
    }

    /**
     * The status list's URI (the list's {@code sub}); when set in {@code cachet.properties}, every seal carries a
     * reference to it. Unset: seals carry none and the list is named after the verifier URL.
     */
    public static final String STATUS_LIST_URI_PROPERTY = HomeConfig.STATUS_LIST_URI_PROPERTY;

    /** The office's status list, signed with the office key (so it needs the keystore passphrase). */
    public io.cachet.core.status.StatusListService statusList() {
        // Signed with the office's active key (after a rotation, the new one; in an HSM, inside it).
        SignerKey key = keys().activeSigner(config().officeCode());
        return new io.cachet.core.status.StatusListService(registry(), key, statusListUri(), clock);
    }

    /** The URI that names the office's status list. */
    public String statusListUri() {
        HomeConfig config = config();
        return config.statusListUri().orElse(config.verifierUrl().replaceAll("/+$", "") + "/api/v1/status-list");
    }

    /**
     * Writes verification report PDFs signed (PAdES B-T) with the verifier's key, {@code keys/verifier.p12}, certified
     * by the root for reports only; a home that holds its root key makes that key on first use (its certificate then
     * trusted in {@code trust/verifiers/}).
     */
    public ReportPdf reportPdf() {
        HomeConfig config = config();
        char[] passphrase = KeystorePassphrase.resolve(home, config, environment);
        try {
            SignerKey key = Files.exists(home.verifierKeystore())
                    ? VerifierKeys.read(home.verifierKeystore(), passphrase)
                    : createVerifierKey(config, passphrase);
            return ReportPdf.signedWith(key, timestampAuthority(config, passphrase), catalog());
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    /** True when this home can sign verification reports: it has a verifier key, or the root key to make one. */
    public boolean canSignReports() {
        return Files.exists(home.verifierKeystore()) || Files.exists(home.rootKeystore());
    }

    private SignerKey createVerifierKey(HomeConfig config, char[] passphrase) {
        if (!Files.exists(home.rootKeystore())) {
            throw CachetException.configuration("no verifier key at " + home.verifierKeystore()
                    + " to sign the report, and no root key in this home to make one: make one on the root's"
                    + " machine with `cachet keys add-verifier --name NAME --out verifier.p12` and install it there");
        }
        new VerifierKeys(home, environment, clock).add(config.officeName(), home.verifierKeystore(), passphrase);
        return VerifierKeys.read(home.verifierKeystore(), passphrase);
    }

    /** The home's timestamp authority (see below), its keystore opened with the home's passphrase. */
    private TimestampAuthority timestampAuthority(HomeConfig config) {
        char[] passphrase = KeystorePassphrase.resolve(home, config, environment);
        try {
            return timestampAuthority(config, passphrase);
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
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
