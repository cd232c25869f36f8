package io.cachet.cli;

import io.cachet.core.keys.TrustListFile;
import io.cachet.core.trust.TrustSource;
import io.cachet.core.verify.CertificateDescriber;
import io.cachet.core.verify.ReportPdf;
import io.cachet.core.verify.VerificationService;
import io.cachet.web.ServingLogs;
import io.cachet.web.TrustSettings;
import io.cachet.web.VerifierConfig;
import io.cachet.web.VerifierTrust;
import io.javalin.Javalin;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        header = "Start the web verifier (paste, upload, JSON API).",
        description = {
            "Start the web verifier: a page where a code is pasted or a PDF or photo uploaded, and the JSON API",
            "POST /api/v1/verify. It uses only the home's trust material, never a private key. Ctrl-C stops it.",
            "Settings (limits, rate limit, trusted proxies, connections, a separate /metrics listener) come from",
            "verifier.properties in the home and the CACHET_* environment variables (docs/verifier.md, \"Limits",
            "and budgets\"); --port and --bind override them. One access line per request goes to stderr.",
            "",
            "The trust is read again while the server runs: the home's trust folder (or --trust-list FILE) every",
            "trust-reload-seconds (default 5), a trust list at an address at the interval the list names (else",
            "every trust-list-refresh-seconds, default 300), and at once on SIGHUP. A new office (`cachet keys add-office`) is accepted within",
            "seconds, without a restart. What is read is taken only whole and valid: an altered, foreign, older or",
            "expired trust list, or a folder without its root, is refused and logged, the trust in use kept, and",
            "/health shows the trust's source, age and last refusal (DOWN once a kept list has expired)."
        },
        footer = {
            "",
            "Examples:",
            "  cachet serve --port 8080",
            "  cachet serve --trust-list-url https://verifier.example.fr/trust-list.jws --root root.pem",
            "  kill -HUP <pid>     # read the trust again now"
        })
final class ServeCommand extends CachetCommand {
    @Option(
            names = "--port",
            paramLabel = "N",
            description = "TCP port. Default: CACHET_WEB_PORT, else port in verifier.properties, else 8080.")
    Integer port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "Address to listen on. Default: CACHET_WEB_BIND, else bind in verifier.properties, else"
                    + " 0.0.0.0 (all).")
    String bind;

    @Mixin
    TrustListOptions trustListOptions;

    @Option(
            names = "--trust-list-url",
            paramLabel = "URL",
            description = "Follow the signed trust list at this http(s) address instead of the home's trust folder,"
                    + " checked against --root (default: the home's root): fetched again every"
                    + " trust-list-refresh-seconds (default 300), sooner when it expires. Default: CACHET_TRUST_LIST_URL,"
                    + " else trust-list-url in verifier.properties.")
    String trustListUrl;

    ServeCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        // Before anything logs: PDFBox's per-object warnings silenced, the access log on (docs/verifier.md).
        ServingLogs.configure();
        Optional<java.nio.file.Path> configFile = Optional.of(home().root().resolve(VerifierConfig.FILE_NAME));
        VerifierConfig config = VerifierConfig.load(configFile, environment());
        if (port != null) {
            config = config.withPort(port);
        }
        if (bind != null) {
            config = config.withHost(bind);
        }
        var services = services();
        TrustSettings trustSettings = TrustSettings.load(configFile, environment());
        if (trustListUrl != null) {
            trustSettings = trustSettings.withListUrl(trustListUrl);
        }
        VerifierTrust.Plan plan = VerifierTrust.plan(
                Optional.ofNullable(trustListOptions.trustList),
                trustSettings,
                () -> trustListOptions.root != null ? trustListOptions.root : home().rootCertificate(),
                home().trustDirectory());
        // Signed reports: the verifier.properties report key when set, else the home's own verifier key (made on
        // first use where the root key is), else none (501). Made before the trust is read, so that a key made now
        // is in the trust that checks each report before it is sent.
        Optional<ReportPdf> reports =
                VerifierConfig.reportSigner(configFile, environment()).or(() -> homeReportSigner(services));
        TrustSource trust = TrustSource.load(plan.origin(), clock());
        trust.current()
                .material()
                .list()
                .ifPresent(list -> err().println(TrustListFile.describe(list, clock().instant())));
        // A verifier following a trust list verifies as an outsider would: without the home's registry.
        Optional<io.cachet.core.registry.Registry> registry =
                trust.current().material().list().isPresent() ? Optional.empty() : services.existingRegistry();
        VerificationService verification = new VerificationService(trust, clock(), registry)
                .withBudget(VerifierConfig.budget(configFile, environment()));
        Javalin app = WebServer.start(
                verification,
                config,
                new StatusListPublisher(services),
                services.existingRegistry(),
                CertificateDescriber.of(services.catalog()),
                reports);
        VerifierTrust.keepCurrent(app, trust, plan, clock());
        var out = out();
        out.println("Web verifier running on http://localhost:" + app.port() + "/ with the trust of "
                + trust.current().source() + ", read again "
                + (plan.listSetsPeriod()
                        ? "at the interval the list names (else every "
                                + plan.period().toSeconds() + " s)"
                        : "every " + plan.period().toSeconds() + " s")
                + " and on SIGHUP; signed reports "
                + (reports.isPresent() ? "offered" : "not offered (no verifier key)") + " (Ctrl-C to stop)");
        out.flush();
        WebServer.awaitShutdown(app);
        return 0;
    }

    /** The home's own verifier key, when it has one or can make one; a key it cannot open is said, not fatal. */
    private Optional<ReportPdf> homeReportSigner(io.cachet.core.services.CachetServices services) {
        if (!services.canSignReports()) {
            return Optional.empty();
        }
        try {
            return Optional.of(services.reportPdf());
        } catch (io.cachet.core.CachetException e) {
            err().println("cachet serve: signed reports not offered: " + e.getMessage());
            return Optional.empty();
        }
    }
}
