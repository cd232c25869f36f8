package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.CachetServices;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeConfig;
import io.cachet.core.home.HomeInitializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        header = "Create a home with the office signing key, root CA and trust material.",
        description = {
            "Create a Cachet home: a root CA, the office's ECDSA P-256 document-signing key and certificate, and the",
            "trust material verifiers need. Refuses to touch an existing home unless --force is given; even then the",
            "existing home is kept, moved aside as HOME.backup-TIME.",
            "",
            "The keystores are protected by the passphrase in CACHET_KEYSTORE_PASSWORD. With --test and no such",
            "variable, a random passphrase is generated into the home (mode 0600): for development only."
        },
        footer = {
            "",
            "Examples:",
            "  cachet init --test --home /tmp/dev-home",
            "  cachet init --test --status-list-uri https://ofii.fr/sl",
            "  CACHET_KEYSTORE_PASSWORD=… cachet init --office PAR --office-name \"Direction territoriale de Paris\""
        })
final class InitCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

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
            defaultValue = HomeConfig.DEFAULT_VERIFIER_URL,
            description = "URL printed on certificates under \"Vérifiez ce document\". Default: ${DEFAULT-VALUE}.")
    String verifierUrl;

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
        this.context = context;
    }

    @Override
    public Integer call() {
        CachetHome home = global.home(context);
        if (statusListUri != null && !statusListUri.matches("[A-Za-z][A-Za-z0-9+.-]*:[^\\s\\\\]+")) {
            throw CachetException.usage("--status-list-uri must be an absolute URI without spaces or backslashes"
                    + " (e.g. https://ofii.fr/sl), was '" + statusListUri + "'");
        }
        HomeInitializer.Result result = new HomeInitializer(context.clock(), context.environment())
                .initialize(home, new HomeInitializer.Request(office, officeName, test, force, verifierUrl));
        if (statusListUri != null) {
            appendStatusListUri(home);
        }
        var out = spec.commandLine().getOut();
        result.backup().ifPresent(backup -> out.println("Previous home moved to " + backup));
        out.println("Created Cachet home " + home.root() + (test ? " (TEST keys, not for production)" : ""));
        out.println("  office:       " + office + " — " + officeName);
        out.println("  signing key:  kid " + result.signerKid().hex() + ", valid until "
                + result.signerCertificate().getNotAfter().toInstant());
        out.println("  trust anchor: " + home.rootCertificate());
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
