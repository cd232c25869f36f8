package io.cachet.core.home;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.Pkcs11Token;
import io.cachet.core.keys.Revocation;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustList;
import io.cachet.core.keys.TrustStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The key life cycle of a home: offices, rotation and revocation of document-signing keys, and the CRL. Every
 * change keeps what was there: rotation retires the old key (it still verifies what it signed), revocation marks a
 * key from a moment on. Verifiers learn of revocations from {@code trust/revocations.json}, the CRL
 * {@code trust/root.crl} and the signed trust list.
 */
public final class KeyManagement {
    public static final String REVOCATIONS_FILE = "revocations.json";
    public static final String CRL_FILE = "root.crl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CachetHome home;
    private final Map<String, String> environment;
    private final Clock clock;

    public KeyManagement(CachetHome home, Map<String, String> environment, Clock clock) {
        this.home = requireNonNull(home, "home is null");
        this.environment = Map.copyOf(environment);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The keyring, created from the configuration for homes made before keyrings existed. */
    public synchronized Keyring keyring() {
        if (!Files.exists(home.keysDirectory().resolve(Keyring.FILE))) {
            HomeConfig config = home.config();
            X509Certificate certificate = Keystores.read(home.signerKeystore(), config.officeCode(), passphrase())
                    .certificate();
            new Keyring(
                            List.of(new Keyring.Office(config.officeCode(), config.officeName())),
                            List.of(new Keyring.Signer(
                                    Kid.of(certificate).hex(),
                                    config.officeCode(),
                                    home.keysDirectory()
                                            .relativize(home.signerKeystore())
                                            .toString(),
                                    config.officeCode(),
                                    Keyring.State.ACTIVE,
                                    certificate.getNotAfter().toInstant(),
                                    null,
                                    null,
                                    null)))
                    .save(home);
        }
        return Keyring.load(home);
    }

    /** The key the office signs with now. */
    public SignerKey activeSigner(String officeCode) {
        Keyring.Signer signer = keyring()
                .activeSigner(officeCode)
                .orElseThrow(() -> CachetException.notFound("office " + officeCode
                        + " has no active signing key (see `cachet keys list`; add one with `cachet keys rotate "
                        + officeCode + "`)"));
        if (signer.revocation().isPresent()) {
            throw CachetException.conflict("the active key " + signer.kid() + " of office " + officeCode
                    + " is revoked: rotate it first with `cachet keys rotate " + officeCode + "`");
        }
        if (signer.pkcs11Config() != null) {
            return Pkcs11Token.open(Path.of(signer.pkcs11Config()), pin()).signerKey(officeCode, signer.alias());
        }
        SignerKey key = Keystores.read(home.keysDirectory().resolve(signer.keystore()), signer.alias(), passphrase());
        return new SignerKey(officeCode, key.privateKey(), key.chain());
    }

    public Keyring.Office office(String code) {
        return keyring()
                .office(code)
                .orElseThrow(() -> CachetException.notFound("unknown office '" + code
                        + "': see `cachet keys list`, or add it with `cachet keys add-office`"));
    }

    /** Adds an office with its first signing key. */
    public synchronized Keyring.Signer addOffice(String code, String name) {
        return addOffice(code, name, Optional.empty());
    }

    /** Adds an office whose first key is generated in the PKCS#11 token described by {@code pkcs11Config}, if given. */
    public synchronized Keyring.Signer addOffice(String code, String name, Optional<Path> pkcs11Config) {
        if (!code.matches("[A-Z0-9]{2,8}")) {
            throw CachetException.usage("office code '" + code + "' must be 2 to 8 upper-case letters or digits");
        }
        if (name.isBlank()) {
            throw CachetException.usage("office name must not be blank");
        }
        Keyring keyring = keyring();
        if (keyring.office(code).isPresent()) {
            throw CachetException.conflict(
                    "office " + code + " already exists: use `cachet keys rotate " + code + "` for a new key");
        }
        keyring.withOffice(new Keyring.Office(code, name)).save(home);
        return newSigner(code, pkcs11Config);
    }

    /** Gives the office a new signing key; the old one is retired and keeps verifying what it signed. */
    public synchronized Keyring.Signer rotate(String code) {
        return rotate(code, Optional.empty());
    }

    /** As {@link #rotate(String)}, the new key generated in a PKCS#11 token when {@code pkcs11Config} is given. */
    public synchronized Keyring.Signer rotate(String code, Optional<Path> pkcs11Config) {
        office(code);
        return newSigner(code, pkcs11Config);
    }

    /**
     * Revokes a key from {@code since} on: certificates it signed from then on verify as INVALID (KEY_REVOKED);
     * earlier ones stay valid. The revocation list and the CRL are rewritten.
     */
    public synchronized Revocation revoke(String kidHex, String reason, Instant since) {
        if (!reason.equals("compromise") && !reason.equals("superseded")) {
            throw CachetException.usage("--reason must be compromise or superseded, not '" + reason + "'");
        }
        Keyring keyring = keyring();
        Keyring.Signer signer = keyring.signer(kidHex)
                .orElseThrow(() -> CachetException.notFound(
                        "no signing key with kid " + kidHex + " in this home (see `cachet keys list`)"));
        if (signer.revocation().isPresent()) {
            throw CachetException.conflict("key " + kidHex + " is already revoked since " + signer.revokedSince());
        }
        if (since.isAfter(clock.instant().plus(1, ChronoUnit.DAYS))) {
            throw CachetException.usage(
                    "--since " + since + " lies in the future: a revocation applies from a known moment");
        }
        Keyring updated = keyring.replacing(signer.revoked(since, reason));
        updated.save(home);
        writeRevocations(updated);
        writeCrl(updated);
        return new Revocation(kid(kidHex), since, reason);
    }

    /** The revocations verifiers must know, read from {@code trust/revocations.json} (absent: none). */
    public static List<Revocation> revocations(CachetHome home) {
        return revocations(home.trustDirectory());
    }

    /** The revocations in {@code trustDirectory/revocations.json} (absent: none), for verifiers without a home. */
    public static List<Revocation> revocations(Path trustDirectory) {
        Path file = trustDirectory.resolve(REVOCATIONS_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Revocation> revocations = new ArrayList<>();
            for (var node : JSON.readTree(file.toFile()).path("revocations")) {
                revocations.add(new Revocation(
                        kid(node.get("kid").asText()),
                        Instant.parse(node.get("since").asText()),
                        node.get("reason").asText()));
            }
            return revocations;
        } catch (IOException | RuntimeException e) {
            throw CachetException.configuration("cannot read " + file + ": " + e.getMessage()
                    + " (a verifier must not ignore revocations: fix or restore the file)");
        }
    }

    private Keyring.Signer newSigner(String code, Optional<Path> pkcs11Config) {
        Keyring.Office office = office(code);
        char[] passphrase = passphrase();
        try {
            SignerKey root = Keystores.read(home.rootKeystore(), "root", passphrase);
            HomeConfig config = home.config();
            Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
            Optional<Pkcs11Token> token = pkcs11Config.map(file -> Pkcs11Token.open(file, pin()));
            KeyPair keys = token.map(Pkcs11Token::generateP256KeyPair).orElseGet(DevelopmentPki::newP256KeyPair);
            X509Certificate certificate = DevelopmentPki.officeCertificate(
                    keys,
                    office.code(),
                    office.name(),
                    root.certificate(),
                    root.privateKey(),
                    config.development(),
                    notBefore,
                    config.verifierUrl() + "/crl/root.crl");
            Kid kid = Kid.of(certificate);
            String alias = code + "-" + kid.hex();
            String keystore;
            if (token.isPresent()) {
                keystore = "pkcs11";
                token.get().store(alias, keys.getPrivate(), List.of(certificate, root.certificate()));
            } else {
                keystore = "signers/" + alias + ".p12";
                Files.createDirectories(home.keysDirectory().resolve("signers"));
                Keystores.write(
                        home.keysDirectory().resolve(keystore),
                        alias,
                        keys.getPrivate(),
                        List.of(certificate, root.certificate()),
                        passphrase);
            }
            SecureFiles.writePublic(home.signerCertificates().resolve(kid.hex() + ".pem"), Pem.encode(certificate));
            writeTwoDocTrustFile(home, config.twoDocCaId());
            Keyring.Signer signer = new Keyring.Signer(
                    kid.hex(),
                    code,
                    keystore,
                    alias,
                    Keyring.State.ACTIVE,
                    certificate.getNotAfter().toInstant(),
                    null,
                    null,
                    pkcs11Config.map(path -> path.toAbsolutePath().toString()).orElse(null));
            keyring().withSigner(signer).save(home);
            return signer;
        } catch (IOException e) {
            throw CachetException.internal("cannot write the new key of office " + code + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private void writeRevocations(Keyring keyring) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("revocations");
        for (Keyring.Signer signer : keyring.signers()) {
            signer.revocation()
                    .ifPresent(since -> list.addObject()
                            .put("kid", signer.kid())
                            .put("office", signer.office())
                            .put("since", since.toString())
                            .put("reason", signer.revocationReason()));
        }
        try {
            SecureFiles.writePublic(
                    home.trustDirectory().resolve(REVOCATIONS_FILE),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw CachetException.internal("cannot write the revocation list: " + e.getMessage(), e);
        }
    }

    /**
     * The root's CRL, {@code trust/root.crl}, when it was issued at or after {@code notBefore} (to the second);
     * otherwise a fresh one, when this home holds the root key. A home whose root is offline must have a fresh CRL
     * published into {@code trust/} first.
     */
    public synchronized X509CRL crlIssuedAtOrAfter(Instant notBefore) {
        Path file = home.trustDirectory().resolve(CRL_FILE);
        Instant wanted = notBefore.truncatedTo(ChronoUnit.SECONDS);
        Optional<X509CRL> published = readCrl(file);
        if (published.isPresent()
                && !published.get().getThisUpdate().toInstant().isBefore(wanted)) {
            return published.get();
        }
        if (!Files.exists(home.rootKeystore())) {
            throw CachetException.conflict("the root's CRL in " + file + " was issued "
                    + published
                            .map(crl -> "on " + crl.getThisUpdate().toInstant())
                            .orElse("never")
                    + ", before " + wanted + ", and this home does not hold the root key to issue a new one:"
                    + " publish a fresh CRL from the root into " + file + " and retry");
        }
        writeCrl(keyring());
        return readCrl(file)
                .orElseThrow(() -> CachetException.internal("the CRL just issued cannot be read back", null));
    }

    private static Optional<X509CRL> readCrl(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return Optional.of((X509CRL)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCRL(in));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw CachetException.configuration("cannot read the CRL " + file + ": " + e.getMessage(), e);
        }
    }

    /** An X.509 CRL (RFC 5280 §5) signed by the root, listing every revoked office certificate. */
    private void writeCrl(Keyring keyring) {
        char[] passphrase = passphrase();
        try {
            SignerKey root = Keystores.read(home.rootKeystore(), "root", passphrase);
            Instant now = clock.instant();
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(root.certificate(), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(7, ChronoUnit.DAYS)));
            for (Keyring.Signer signer : keyring.signers()) {
                if (signer.revocation().isPresent()) {
                    X509Certificate certificate = certificate(signer.kid());
                    builder.addCRLEntry(
                            certificate.getSerialNumber(),
                            Date.from(signer.revokedSince()),
                            signer.revocationReason().equals("compromise")
                                    ? CRLReason.keyCompromise
                                    : CRLReason.superseded);
                }
            }
            builder.addExtension(
                    org.bouncycastle.asn1.x509.Extension.cRLNumber,
                    false,
                    new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(now.getEpochSecond())));
            X509CRL crl = new JcaX509CRLConverter()
                    .getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(root.privateKey())));
            SecureFiles.writePublic(home.trustDirectory().resolve(CRL_FILE), crl.getEncoded());
        } catch (Exception e) {
            throw CachetException.internal("cannot reissue the CRL: " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /**
     * Writes the trust folder's {@value TrustStore#TWODOC_FILE}: the 2D-Doc certification authority its signers sign
     * 2D-Docs under (the home's {@code twodoc.ca-id}), so that a verifier given a copy of the folder finds the
     * certificate a 2D-Doc names. Written at {@code init} and with every new signing key.
     */
    static void writeTwoDocTrustFile(CachetHome home, String caId) throws IOException {
        SecureFiles.writePublic(
                home.trustDirectory().resolve(TrustStore.TWODOC_FILE),
                "# The 2D-Doc certification authority of the signers of this folder (docs/2d-doc.md)\nca-id = " + caId
                        + "\n");
    }

    /**
     * Signs the home's current trust list with the root key: every signer with its state, the timestamp trust
     * anchors, the verifiers' report-signing certificates, a sequence number one above the last export, valid for {@code validity}.
     */
    public String exportTrustList(Duration validity) {
        return exportTrustList(validity, TrustList.DEFAULT_REFRESH);
    }

    /**
     * As {@link #exportTrustList(Duration)}, telling verifiers that follow the list to fetch it again every {@code
     * refresh}.
     */
    public String exportTrustList(Duration validity, Duration refresh) {
        Keyring keyring = keyring();
        String twoDocCaId = home.config().twoDocCaId();
        List<TrustList.Entry> entries = new ArrayList<>();
        for (Keyring.Signer signer : keyring.signers()) {
            entries.add(new TrustList.Entry(
                    certificate(signer.kid()),
                    signer.office(),
                    signer.revocation().isPresent()
                            ? "revoked"
                            : signer.state().name().toLowerCase(java.util.Locale.ROOT),
                    signer.revocation(),
                    java.util.Optional.ofNullable(signer.revocationReason()),
                    java.util.Optional.of(twoDocCaId)));
        }
        char[] passphrase = passphrase();
        try {
            SignerKey root = Keystores.read(home.rootKeystore(), "root", passphrase);
            long sequence = nextSequence();
            return TrustList.sign(
                    root,
                    sequence,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS),
                    validity,
                    entries,
                    TimestampTrust.anchors(home),
                    VerifierKeys.trusted(home),
                    refresh);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private long nextSequence() {
        Path file = home.trustDirectory().resolve("trust-list-sequence");
        try {
            long next =
                    Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) + 1 : 1;
            SecureFiles.writePublic(file, Long.toString(next) + "\n");
            return next;
        } catch (IOException | NumberFormatException e) {
            throw CachetException.internal("cannot update " + file + ": " + e.getMessage(), e);
        }
    }

    /** The certificate of a key of this home. */
    public X509Certificate certificate(String kidHex) {
        return Pem.readCertificates(home.signerCertificates().resolve(kidHex + ".pem"))
                .get(0);
    }

    private char[] pin() {
        String pin = environment.get(Pkcs11Token.PIN_VARIABLE);
        if (pin == null || pin.isEmpty()) {
            throw CachetException.configuration("set " + Pkcs11Token.PIN_VARIABLE + " to the PKCS#11 token's user PIN");
        }
        return pin.toCharArray();
    }

    private char[] passphrase() {
        return KeystorePassphrase.resolve(home, home.config(), environment);
    }

    private static Kid kid(String hex) {
        if (!hex.matches("[0-9a-f]{16}")) {
            throw CachetException.usage(
                    "'" + hex + "' is not a key id: 16 lower-case hex digits, as `cachet keys list` shows");
        }
        return new Kid(java.util.HexFormat.of().parseHex(hex));
    }
}
