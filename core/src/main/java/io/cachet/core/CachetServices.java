package io.cachet.core;

import static java.util.Objects.requireNonNull;

import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeConfig;
import io.cachet.core.home.KeyManagement;
import io.cachet.core.home.Keyring;
import io.cachet.core.issue.IssuanceService;
import io.cachet.core.issue.PreviewService;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.RegistryLocation;
import io.cachet.core.render.CertificateRenderer;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.verify.VerificationService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Wires core's services from a home: the one place the CLI and the web ask for them. Expensive parts (templates,
 * renderer, keys) are created on first use and then shared.
 */
public final class CachetServices {
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
        return TrustStore.load(home.rootCertificate(), home.signerCertificates())
                .withRevocations(KeyManagement.revocations(home));
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

    /** Issuing for one office of the home, with the key it signs with now. */
    public IssuanceService issuance(String officeCode) {
        HomeConfig config = config();
        KeyManagement keys = keys();
        SignerKey key = keys.activeSigner(officeCode);
        Keyring.Office office = keys.office(officeCode);
        return new IssuanceService(
                catalog(),
                renderer(),
                key,
                new IssuanceService.Office(office.code(), office.name(), config.verifierUrl()),
                clock,
                Optional.of(registry()),
                RegistryLocation.homeProperty(home, STATUS_LIST_URI_PROPERTY));
    }

    /**
     * The status list's URI (the list's {@code sub}); when set in {@code cachet.properties}, every seal carries a
     * reference to it. Unset: seals carry none and the list is named after the verifier URL.
     */
    public static final String STATUS_LIST_URI_PROPERTY = "status-list.uri";

    /** The office's status list, signed with the office key (so it needs the keystore passphrase). */
    public io.cachet.core.status.StatusListService statusList() {
        // Signed with the office's active key (after a rotation, the new one; in an HSM, inside it).
        SignerKey key = keys().activeSigner(config().officeCode());
        return new io.cachet.core.status.StatusListService(registry(), key, statusListUri(), clock);
    }

    /** The URI that names the office's status list. */
    public String statusListUri() {
        return RegistryLocation.homeProperty(home, STATUS_LIST_URI_PROPERTY)
                .orElse(config().verifierUrl().replaceAll("/+$", "") + "/api/v1/status-list");
    }
}
