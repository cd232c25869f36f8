package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.cachet.core.CachetException;
import io.cachet.core.home.KeyManagement;
import io.cachet.core.home.Keyring;
import io.cachet.core.home.TimestampTrust;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.Revocation;
import io.cachet.core.report.ReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        header = "Manage offices and their signing keys: add, list, rotate, revoke, export the root, trust a TSA.",
        description = {
            "Offices (territorial directorates) each sign with one active ECDSA P-256 key, certified by the home's root.",
            "Rotation gives an office a new key and retires the old one, which keeps verifying what it signed.",
            "Revocation marks a key from a moment on: what it signed from then on verifies as INVALID (KEY_REVOKED)."
        },
        subcommands = {
            KeysCommand.AddOffice.class,
            KeysCommand.ListKeys.class,
            KeysCommand.Rotate.class,
            KeysCommand.Revoke.class,
            KeysCommand.ExportRoot.class,
            KeysCommand.TrustTsa.class,
            KeysCommand.AddVerifier.class
        })
final class KeysCommand extends CommandGroup {
    @Command(
            name = "add-office",
            mixinStandardHelpOptions = true,
            header = "Add an office with its first signing key.",
            footer = {"", "Example:", "  cachet keys add-office LYO --name \"Direction territoriale de Lyon\""})
    static final class AddOffice extends CachetCommand {
        @Parameters(index = "0", paramLabel = "CODE", description = "Office code (2–8 upper-case letters or digits).")
        String code;

        @Option(
                names = "--name",
                required = true,
                paramLabel = "NAME",
                description = "Office name printed on its certificates.")
        String name;

        @Option(
                names = "--pkcs11-config",
                paramLabel = "FILE",
                description =
                        "Generate the key in this PKCS#11 token (SunPKCS11 configuration; PIN in CACHET_HSM_PIN).")
        Path pkcs11Config;

        AddOffice(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Keyring.Signer signer =
                    services().keys().addOffice(code, name, java.util.Optional.ofNullable(pkcs11Config));
            out().println("Added office " + code + " — " + name + " with signing key " + signer.kid());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List offices and signing keys with their state.")
    static final class ListKeys extends CachetCommand {
        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        ListKeys(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            KeyManagement keys = services().keys();
            Keyring keyring = keys.keyring();
            PrintWriter out = out();
            if (json) {
                var root = ReportJson.mapper().createObjectNode();
                ArrayNode list = root.putArray("keys");
                for (Keyring.Signer signer : keyring.signers()) {
                    var node = list.addObject()
                            .put("kid", signer.kid())
                            .put("office", signer.office())
                            .put("state", signer.state().name())
                            .put("notAfter", signer.notAfter().toString());
                    signer.revocation()
                            .ifPresent(since -> node.put("revokedSince", since.toString())
                                    .put("reason", signer.revocationReason()));
                }
                out.println(ReportJson.toText(root));
                return 0;
            }
            for (Keyring.Office office : keyring.offices()) {
                out.println(office.code() + "  " + office.name());
                for (Keyring.Signer signer : keyring.signers()) {
                    if (signer.office().equals(office.code())) {
                        out.println("    " + signer.kid() + "  " + signer.state() + "  valid until " + signer.notAfter()
                                + signer.revocation()
                                        .map(since ->
                                                "  REVOKED since " + since + " (" + signer.revocationReason() + ")")
                                        .orElse(""));
                    }
                }
            }
            return 0;
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            header = "Give an office a new signing key; the old one keeps verifying.")
    static final class Rotate extends CachetCommand {
        @Parameters(index = "0", paramLabel = "OFFICE", description = "Office code.")
        String office;

        @Option(
                names = "--pkcs11-config",
                paramLabel = "FILE",
                description =
                        "Generate the new key in this PKCS#11 token (SunPKCS11 configuration; PIN in CACHET_HSM_PIN).")
        Path pkcs11Config;

        Rotate(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Keyring.Signer signer = services().keys().rotate(office, java.util.Optional.ofNullable(pkcs11Config));
            out().println("Office " + office + " now signs with key " + signer.kid()
                    + "; earlier keys are retired and keep verifying what they signed.");
            return 0;
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            header = "Revoke a signing key from a moment on; the CRL is reissued.",
            footer = {
                "",
                "Example:",
                "  cachet keys revoke 3f9a0c2d41b7e856 --reason compromise --since 2026-11-20T08:00:00Z"
            })
    static final class Revoke extends CachetCommand {
        @Parameters(
                index = "0",
                paramLabel = "KID",
                description = "The key id (16 hex digits, see `cachet keys list`).")
        String kid;

        @Option(
                names = "--reason",
                required = true,
                paramLabel = "compromise|superseded",
                description = "Why the key is revoked.")
        String reason;

        @Option(
                names = "--since",
                required = true,
                paramLabel = "ISO-8601-TIME",
                description = "From when what it signed is not authentic.")
        String since;

        Revoke(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Instant moment;
            try {
                moment = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw CachetException.usage(
                        "--since '" + since + "' is not an ISO 8601 time such as 2026-11-20T08:00:00Z");
            }
            Revocation revocation = services().keys().revoke(kid, reason, moment);
            out().println("Revoked key " + revocation.kid().hex() + " (" + reason + ") from " + moment
                    + ". Certificates it signed from then on verify as INVALID (KEY_REVOKED). Publish the new trust list:"
                    + " `cachet trust-list export`.");
            return 0;
        }
    }

    @Command(
            name = "export-root",
            mixinStandardHelpOptions = true,
            header = "Write the root certificate that verifiers pin.")
    static final class ExportRoot extends CachetCommand {
        @Option(names = "--out", required = true, paramLabel = "FILE.pem", description = "Where to write it.")
        Path out;

        ExportRoot(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws IOException {
            var home = home();
            home.config();
            X509Certificate root = Pem.readCertificates(home.rootCertificate()).get(0);
            Files.writeString(out, Pem.encode(root));
            out().println("Wrote root certificate "
                    + root.getSubjectX500Principal().getName() + " to " + out);
            return 0;
        }
    }

    @Command(
            name = "trust-tsa",
            mixinStandardHelpOptions = true,
            header =
                    "Trust an RFC 3161 timestamp authority: add its CA (or its own certificate) to the trust material.",
            description = {
                "Adds each certificate of FILE to trust/tsa/ of the home, after checking it is a CA certificate or a",
                "timestamp authority certificate (extended key usage timeStamping) and not expired. Verifiers accept a",
                "timestamp whose authority certificate is such an anchor or chains to one (through CA certificates",
                "the token carries). Copy the trust folder, or export a new signed trust list (`cachet trust-list",
                "export`), so that every verifier learns it."
            },
            footer = {"", "Example:", "  cachet keys trust-tsa /etc/cachet/tsa-ca.pem"})
    static final class TrustTsa extends CachetCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "PEM (or DER) certificate file.")
        Path file;

        TrustTsa(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var home = home();
            home.config();
            var anchors = TimestampTrust.add(home, TimestampTrust.readAnchors(file, clock().instant()));
            PrintWriter out = out();
            for (TimestampTrust.Anchor anchor : anchors) {
                out.println((anchor.added() ? "Trusted " : "Already trusted ")
                        + anchor.certificate().getSubjectX500Principal().getName() + " (valid until "
                        + anchor.certificate().getNotAfter().toInstant() + ") for timestamps: " + anchor.file());
            }
            out.println("Verifiers learn it with the trust folder or a new signed trust list (`cachet trust-list"
                    + " export`).");
            return 0;
        }
    }

    @Command(
            name = "add-verifier",
            mixinStandardHelpOptions = true,
            header = "Make a verifier's key, certified by the root to sign verification reports only.",
            description = {
                "Run on the machine that holds the root key. Makes a P-256 key and a certificate from the root for",
                "signing verification reports (never seals or certificates), writes it as a PKCS#12 keystore, and",
                "trusts its certificate in trust/verifiers/ so that `cachet verify REPORT.pdf` accepts its reports;",
                "verifiers elsewhere learn it with the trust folder or a new trust list (`cachet trust-list export`).",
                "Without --out, the key is this home's own (keys/verifier.p12, the home's passphrase), used by",
                "`cachet verify --report` and `cachet serve`. With --out, the keystore is for another verifier",
                "(report-keystore in its verifier.properties), protected by the passphrase in --passphrase-file",
                "(mode 0600, at least 12 characters)."
            })
    static final class AddVerifier extends CachetCommand {
        @picocli.CommandLine.Option(
                names = "--name",
                required = true,
                paramLabel = "NAME",
                description = "Who holds the key, e.g. \"Préfecture du Rhône\" (written into its certificate).")
        String name;

        @picocli.CommandLine.Option(
                names = "--out",
                paramLabel = "FILE.p12",
                description = "Write the keystore there, for another verifier (never overwrites a file).")
        Path out;

        @picocli.CommandLine.Option(
                names = "--passphrase-file",
                paramLabel = "FILE",
                description = "The passphrase protecting the --out keystore (readable by its owner only).")
        Path passphraseFile;

        AddVerifier(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var home = home();
            home.config();
            if ((out == null) != (passphraseFile == null)) {
                throw io.cachet.core.CachetException.usage(
                        "--out and --passphrase-file go together: a keystore for another verifier needs its own"
                                + " passphrase; without both, the key is this home's own (keys/verifier.p12)");
            }
            Path keystore = out != null ? out : home.verifierKeystore();
            char[] passphrase = passphraseFile != null
                    ? io.cachet.core.home.KeystorePassphrase.fromFile(passphraseFile)
                    : io.cachet.core.home.KeystorePassphrase.resolve(home, home.config(), environment());
            try {
                if (passphraseFile != null) {
                    io.cachet.core.home.KeystorePassphrase.requireStrongForNewKeystores(
                            passphrase, "the passphrase in " + passphraseFile);
                }
                var added = new io.cachet.core.home.VerifierKeys(home, environment(), clock())
                        .add(name, keystore, passphrase);
                PrintWriter output = out();
                output.println("Verifier key written to " + added.keystore() + " (alias "
                        + io.cachet.core.home.VerifierKeys.ALIAS + "), certified as "
                        + added.certificate().getSubjectX500Principal().getName() + " until "
                        + added.certificate().getNotAfter().toInstant() + " for verification reports only.");
                output.println("Trusted for reports in " + added.trustedCertificate()
                        + "; give verifiers a new trust folder or trust list (`cachet trust-list export`).");
                return 0;
            } finally {
                java.util.Arrays.fill(passphrase, '\0');
            }
        }
    }
}
