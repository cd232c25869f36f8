package io.cachet.core.home;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.Pem;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a home: a root CA, one office document-signing key (ECDSA P-256) and the trust material verifiers need.
 * Never overwrites: an existing home is refused, or with {@code replaceExisting} first moved aside as a backup.
 */
public final class HomeInitializer {
    private static final DateTimeFormatter BACKUP_SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The alias of the local TEST timestamp authority's key in {@code keys/tsa.p12}. */
    public static final String TIMESTAMP_ALIAS = "tsa";

    private final Clock clock;
    private final Map<String, String> environment;

    public HomeInitializer(Clock clock, Map<String, String> environment) {
        this.clock = requireNonNull(clock, "clock is null");
        this.environment = Map.copyOf(environment);
    }

    /**
     * What to create.
     *
     * A production home (not {@code development}) needs the public https address of its verifier, printed on every
     * certificate, and an RFC 3161 timestamp authority with the anchors its tokens chain to: without them its
     * certificates could not be checked by anyone, so the request is refused, naming everything missing.
     *
     * @param development test keys (labelled as such in their subjects) and a generated passphrase file
     * @param replaceExisting move an existing home aside (as {@code HOME.backup-TIME}) instead of refusing
     * @param tsaUrl the RFC 3161 authority ({@code tsa.url}); a development home without one uses its local TEST
     *     authority
     * @param tsaAnchors the certificates that authority's tokens chain to (its CA, or its own certificate), checked
     *     with {@link TimestampTrust#readAnchors}
     */
    public record Request(
            String officeCode,
            String officeName,
            boolean development,
            boolean replaceExisting,
            String verifierUrl,
            Optional<String> tsaUrl,
            List<X509Certificate> tsaAnchors) {
        public Request {
            requireNonNull(officeCode, "officeCode is null");
            requireNonNull(officeName, "officeName is null");
            requireNonNull(verifierUrl, "verifierUrl is null");
            requireNonNull(tsaUrl, "tsaUrl is null");
            tsaAnchors = List.copyOf(tsaAnchors);
            if (!officeCode.matches("[A-Z0-9]{2,8}")) {
                throw CachetException.usage(
                        "office code '" + officeCode + "' must be 2 to 8 upper-case letters or digits");
            }
            if (officeName.isBlank()) {
                throw CachetException.usage("office name must not be blank");
            }
            List<String> missing = new java.util.ArrayList<>();
            if (!development && !verifierUrl.startsWith("https://")) {
                missing.add("--verifier-url with the https address of the public verifier, printed on every"
                        + " certificate (given: " + verifierUrl + ")");
            }
            if (!development && tsaUrl.isEmpty()) {
                missing.add("--tsa-url with the RFC 3161 timestamp authority every signature is timestamped by");
            }
            if (tsaUrl.isPresent() && !tsaUrl.get().matches("https?://[^\\s]+")) {
                missing.add("--tsa-url as an http or https URL (given: " + tsaUrl.get() + ")");
            }
            if (tsaUrl.isPresent() && tsaAnchors.isEmpty()) {
                missing.add("--tsa-trust with the certificate of that authority's CA (or its own certificate), so"
                        + " that verifiers can trust its timestamps");
            }
            if (!missing.isEmpty()) {
                throw CachetException.usage(
                        "a " + (development ? "" : "production ") + "home needs " + String.join("; and ", missing)
                                + (development ? "" : " (or use --test for a development home)"));
            }
        }

        /** A development or production request without a remote timestamp authority. */
        public Request(
                String officeCode,
                String officeName,
                boolean development,
                boolean replaceExisting,
                String verifierUrl) {
            this(officeCode, officeName, development, replaceExisting, verifierUrl, Optional.empty(), List.of());
        }
    }

    /** What was created, and where an earlier home was moved to, if any. */
    public record Result(CachetHome home, Kid signerKid, X509Certificate signerCertificate, Optional<Path> backup) {}

    public Result initialize(CachetHome home, Request request) {
        // Asked first: a refused passphrase leaves an existing home where it is (with --force too).
        char[] passphrase = passphraseFor(request);
        Optional<Path> backup = Optional.empty();
        if (Files.exists(home.root()) && !isEmptyDirectory(home.root())) {
            if (!request.replaceExisting()) {
                throw CachetException.conflict("a Cachet home already exists at " + home.root()
                        + " (its keys and records are kept): use it as it is, choose another --home, or pass --force"
                        + " to start over (the current home is then moved aside as a backup)");
            }
            backup = Optional.of(moveAside(home.root()));
        }
        try {
            SecureFiles.createPrivateDirectory(home.root());
            SecureFiles.createPrivateDirectory(home.keysDirectory());
            Files.createDirectories(home.signerCertificates());

            Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
            KeyPair rootKeys = DevelopmentPki.newP256KeyPair();
            X509Certificate root = DevelopmentPki.rootCertificate(rootKeys, request.development(), notBefore);
            KeyPair officeKeys = DevelopmentPki.newP256KeyPair();
            X509Certificate office = DevelopmentPki.officeCertificate(
                    officeKeys,
                    request.officeCode(),
                    request.officeName(),
                    root,
                    rootKeys.getPrivate(),
                    request.development(),
                    notBefore,
                    request.verifierUrl() + "/crl/root.crl");

            Keystores.write(home.rootKeystore(), "root", rootKeys.getPrivate(), List.of(root), passphrase);
            Keystores.write(
                    home.signerKeystore(),
                    request.officeCode(),
                    officeKeys.getPrivate(),
                    List.of(office, root),
                    passphrase);
            List<X509Certificate> timestampAnchors = new java.util.ArrayList<>(request.tsaAnchors());
            if (request.development() && request.tsaUrl().isEmpty()) {
                // A local TEST timestamp authority, so development homes issue PAdES B-T without a network; its
                // certificate is the home's timestamp trust anchor, like any authority's.
                KeyPair timestampKeys = DevelopmentPki.newP256KeyPair();
                X509Certificate timestamp =
                        DevelopmentPki.timestampCertificate(timestampKeys, root, rootKeys.getPrivate(), notBefore);
                Keystores.write(
                        home.timestampKeystore(),
                        TIMESTAMP_ALIAS,
                        timestampKeys.getPrivate(),
                        List.of(timestamp, root),
                        passphrase);
                timestampAnchors.add(timestamp);
            }
            TimestampTrust.add(home, timestampAnchors);
            SecureFiles.writePublic(home.rootCertificate(), Pem.encode(root));
            Kid kid = Kid.of(office);
            SecureFiles.writePublic(home.signerCertificates().resolve(kid.hex() + ".pem"), Pem.encode(office));

            Optional<Path> passphraseFile = Optional.empty();
            if (request.development() && !environment.containsKey(KeystorePassphrase.VARIABLE)) {
                passphraseFile = Optional.of(home.developmentPassphraseFile());
                SecureFiles.writeSecret(
                        passphraseFile.get(),
                        (new String(passphrase) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            HomeConfig config = new HomeConfig(
                    request.officeCode(),
                    request.officeName(),
                    request.development(),
                    request.verifierUrl(),
                    passphraseFile,
                    request.tsaUrl());
            KeyManagement.writeTwoDocTrustFile(home, config.twoDocCaId());
            StringWriter text = new StringWriter();
            config.toProperties(home.root())
                    .store(
                            text,
                            request.development()
                                    ? "Cachet DEVELOPMENT home: test keys, NOT FOR PRODUCTION"
                                    : "Cachet home");
            // Written last: a home exists (CachetHome.exists) only once everything else is in place.
            SecureFiles.writePublic(home.configFile(), text.toString());
            return new Result(home, kid, office, backup);
        } catch (IOException e) {
            throw CachetException.internal("cannot create the home at " + home.root() + ": " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    private char[] passphraseFor(Request request) {
        String fromEnvironment = environment.get(KeystorePassphrase.VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            char[] passphrase = fromEnvironment.toCharArray();
            if (!request.development()) {
                KeystorePassphrase.requireStrongForNewKeystores(passphrase, KeystorePassphrase.VARIABLE);
            }
            return passphrase;
        }
        if (!request.development()) {
            throw CachetException.configuration("set " + KeystorePassphrase.VARIABLE
                    + " to the passphrase that will protect the keys, at least " + KeystorePassphrase.MINIMUM_LENGTH
                    + " characters (or use --test for a development home)");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    private Path moveAside(Path root) {
        Path backup = root.resolveSibling(root.getFileName() + ".backup-" + BACKUP_SUFFIX.format(clock.instant()));
        try {
            Files.move(root, backup);
            return backup;
        } catch (IOException e) {
            throw CachetException.internal(
                    "cannot move the existing home " + root + " aside to " + backup + " (nothing was changed): "
                            + e.getMessage(),
                    e);
        }
    }

    private static boolean isEmptyDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
