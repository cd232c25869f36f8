package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeConfig;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.home.TimestampTrust;
import io.cachet.core.services.CachetServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        header = "Create a home with the office signing key, root CA and trust material.",
        description = {
            "Create a Cachet home: a root CA, the office's ECDSA P-256 document-signing key and certificate, and the",
            "trust material verifiers need. Refuses to touch an existing home unless --force is given; even then the",
            "existing home is kept, moved aside as HOME.backup-TIME.",
            "",
            "The keystores are protected by the passphrase in CACHET_KEYSTORE_PASSWORD, at least 12 characters",
            "without --test (homes made earlier with a shorter one still open with it). With --test and no such",
            "variable, a random passphrase is generated into the home (mode 0600): for development only.",
            "",
            "A production home (without --test) needs the https address of its public verifier (--verifier-url,",
            "printed on every certificate) and an RFC 3161 timestamp authority (--tsa-url) with the certificate its",
            "tokens chain to (--tsa-trust: the authority's CA, or its own certificate). A development home uses its",
            "own local TEST authority unless --tsa-url is given."
        },
        footer = {
            "",
            "Examples:",
            "  cachet init --test --home /tmp/dev-home",
            "  CACHET_KEYSTORE_PASSWORD=… cachet init --office PAR --office-name \"Direction territoriale de Paris\" \\",
            "      --verifier-url https://verifier.example.fr --tsa-url https://tsa.example.fr/tsr --tsa-trust tsa-ca.pem",
            "  cachet init --test --status-list-uri https://ofii.fr/sl"
        })
final class InitCommand extends CachetCommand {
    @Option(
            names = "--office",
            paramLabel = "CODE",
            defaultValue = "PAR",
            description =
                    "Office code written into every seal (2–8 upper-case letters or digits). Default: ${DEFAULT-VALUE}.")
    String office;

    @Option(
            names = "--office-name",
            paramLabel = "NAME",
            defaultValue = "Direction territoriale de Paris",
            description = "Office name printed on certificates. Default: ${DEFAULT-VALUE}.")
    String officeName;

    @Option(
            names = "--verifier-url",
            paramLabel = "URL",
            description = "URL printed on certificates under \"Vérifiez ce document\": the public verifier's https"
                    + " address. Required without --test; with --test the default is " + HomeConfig.DEFAULT_VERIFIER_URL
                    + ".")
    String verifierUrl;

    @Option(
            names = "--tsa-url",
            paramLabel = "URL",
            description = "RFC 3161 timestamp authority (HTTP POST application/timestamp-query) every signature is"
                    + " timestamped by. Required without --test.")
    String tsaUrl;

    @Option(
            names = "--tsa-trust",
            paramLabel = "CA.pem",
            description = "The certificate that authority's tokens chain to (its CA, or its own certificate with the"
                    + " timeStamping extended key usage), added to the trust material as trust/tsa/*.pem."
                    + " Required with --tsa-url; `cachet keys trust-tsa` adds more later.")
    Path tsaTrust;

    @Option(
            names = "--status-list-uri",
            paramLabel = "URI",
            description = {
                "Name of the office's status list, written as status-list.uri in cachet.properties: every seal then",
                "carries it with its index, so that standalone verifiers can check the status offline from the signed",
                "list (docs/verifier.md). Keep it short (the seal must fit its QR code), e.g. https://ofii.fr/sl."
            })
    String statusListUri;

    @Option(
            names = "--test",
            description = "Create test keys, labelled TEST in their certificates (development and demos).")
    boolean test;

    @Option(
            names = "--force",
            description = "Re-create an existing home; the old one is moved aside as a backup, never deleted.")
    boolean force;

    InitCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        CachetHome home = home();
        if (statusListUri != null && !statusListUri.matches("[A-Za-z][A-Za-z0-9+.-]*:[^\\s\\\\]+")) {
            throw CachetException.usage("--status-list-uri must be an absolute URI without spaces or backslashes"
                    + " (e.g. https://ofii.fr/sl), was '" + statusListUri + "'");
        }
        List<X509Certificate> tsaAnchors =
                tsaTrust == null ? List.of() : TimestampTrust.readAnchors(tsaTrust, clock().instant());
        HomeInitializer.Request request = new HomeInitializer.Request(
                office,
                officeName,
                test,
                force,
                verifierUrl != null ? verifierUrl : test ? HomeConfig.DEFAULT_VERIFIER_URL : "(none)",
                Optional.ofNullable(tsaUrl),
                tsaAnchors);
        HomeInitializer.Result result = new HomeInitializer(clock(), environment()).initialize(home, request);
        if (statusListUri != null) {
            appendStatusListUri(home);
        }
        var out = out();
        result.backup().ifPresent(backup -> out.println("Previous home moved to " + backup));
        out.println("Created Cachet home " + home.root() + (test ? " (TEST keys, not for production)" : ""));
        out.println("  office:       " + office + " — " + officeName);
        out.println("  signing key:  kid " + result.signerKid().hex() + ", valid until "
                + result.signerCertificate().getNotAfter().toInstant());
        out.println("  trust anchor: " + home.rootCertificate());
        out.println("  verifier:     " + request.verifierUrl());
        out.println("  timestamps:   "
                + (request.tsaUrl().isPresent()
                        ? request.tsaUrl().get() + " (trusted through " + TimestampTrust.folder(home) + ")"
                        : "the home's local TEST authority"));
        if (statusListUri != null) {
            out.println("  status list:  " + statusListUri + " (carried by every seal)");
        }
        return 0;
    }

    private void appendStatusListUri(CachetHome home) {
        try {
            Files.writeString(
                    home.configFile(),
                    System.lineSeparator() + CachetServices.STATUS_LIST_URI_PROPERTY + "=" + statusListUri
                            + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw CachetException.internal("cannot write " + home.configFile() + ": " + e.getMessage(), e);
        }
    }
}
