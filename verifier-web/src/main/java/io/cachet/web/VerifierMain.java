package io.cachet.web;

import io.cachet.core.CachetException;
import io.cachet.core.keys.TrustListFile;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.status.StatusListStatusSource;
import io.cachet.core.trust.TrustSource;
import io.cachet.core.verify.CertificateDescriber;
import io.cachet.core.verify.ReportPdf;
import io.cachet.core.verify.VerificationService;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the web verifier on its own, with only trust material (no private key, no certificate types):
 *
 * <pre>
 * java -jar cachet-verifier-web.jar [--home DIR | --trust-dir DIR] [--trust-list FILE | --trust-list-url URL]
 *     [--root ROOT.pem] [--config FILE] [--port N] [--bind ADDRESS]
 * </pre>
 *
 * The trust folder holds {@code root.pem}, {@code signers/*.pem} and the timestamp trust anchors {@code tsa/*.pem}:
 * {@code --trust-dir}, else {@code trust-dir}
 * in the configuration or {@code CACHET_TRUST_DIR}, else {@code trust/} of the home ({@code --home}, else
 * {@code CACHET_HOME}, else {@code ~/.cachet}). With {@code --trust-list} (a file) or {@code --trust-list-url} (else
 * {@code trust-list-url} or {@code CACHET_TRUST_LIST_URL}: an address), the signers are those of that signed list
 * instead, accepted only when {@code --root} (default: the trust folder's {@code root.pem}) signed it and it has not
 * expired. The trust is read again while the server runs, and on {@code SIGHUP} ({@link VerifierTrust}). The
 * configuration is {@code --config FILE}, else {@code verifier.properties} of the home; environment variables
 * override it (docs/verifier.md).
 */
public final class VerifierMain {
    private VerifierMain() {}

    static final String USAGE = "Usage: java -jar cachet-verifier-web.jar [--home DIR | --trust-dir DIR]"
            + " [--trust-list FILE | --trust-list-url URL]\n"
            + "           [--root ROOT.pem] [--config FILE] [--port N] [--bind ADDRESS]\n"
            + "Runs the web verifier with only trust material: a trust folder (root.pem, signers/*.pem, tsa/*.pem),\n"
            + "or a signed trust list (cachet trust-list export), from a file or an http(s) address, checked against\n"
            + "the pinned root certificate ROOT.pem (default: the trust folder's root.pem); an altered or expired list\n"
            + "is refused. The trust is read again while the server runs: the folder or list file every 5 s\n"
            + "(trust-reload-seconds), the list address at the interval the list names (a list without one: every\n"
            + "5 min, trust-list-refresh-seconds; sooner when the list expires), and on SIGHUP; a new trust is taken only when it is whole and valid, else the one in use is\n"
            + "kept and the refusal logged and shown by /health. Certificate status is checked only with the office's\n"
            + "signed status list (status-list-url or status-list-file); without it, authentic certificates show\n"
            + "\"status not checked\". Settings and their environment variables (CACHET_WEB_PORT,\n"
            + "CACHET_TRUST_LIST_URL, CACHET_STATUS_LIST_URL, ...): docs/verifier.md.";

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        ServingLogs.configure();
        try {
            Javalin app = start(args, System.getenv(), System.out);
            awaitShutdown(app);
        } catch (CachetException | IllegalArgumentException e) {
            System.err.println("cachet-verifier: " + e.getMessage());
            System.exit(e instanceof CachetException c && c.kind() != CachetException.Kind.USAGE ? 1 : 64);
        }
    }

    /** Parses the arguments, loads trust and configuration, starts the server and says where it listens. */
    static Javalin start(String[] args, Map<String, String> environment, PrintStream out) {
        Arguments arguments = Arguments.parse(args);
        Path home = arguments.home.orElseGet(
                () -> Path.of(environment.getOrDefault("CACHET_HOME", System.getProperty("user.home") + "/.cachet")));
        Optional<Path> configFile = Optional.of(arguments.config.orElse(home.resolve(VerifierConfig.FILE_NAME)));
        if (arguments.config.isPresent() && !Files.isRegularFile(arguments.config.get())) {
            throw CachetException.usage("no configuration file at " + arguments.config.get());
        }
        VerifierConfig config = VerifierConfig.load(configFile, environment);
        if (arguments.port.isPresent()) {
            config = config.withPort(arguments.port.get());
        }
        if (arguments.bind.isPresent()) {
            config = config.withHost(arguments.bind.get());
        }
        Path trustDir = arguments
                .trustDir
                .or(() -> VerifierConfig.trustDirectory(configFile, environment))
                .orElse(home.resolve("trust"));
        Clock clock = Clock.systemUTC();
        TrustSettings trustSettings = TrustSettings.load(configFile, environment);
        if (arguments.trustListUrl.isPresent()) {
            trustSettings = trustSettings.withListUrl(arguments.trustListUrl.get());
        }
        boolean fromList =
                arguments.trustList.isPresent() || trustSettings.listUrl().isPresent();
        if (arguments.root.isPresent() && !fromList) {
            throw CachetException.usage("--root names the root that must have signed --trust-list or --trust-list-url:"
                    + " give both\n" + USAGE);
        }
        if (!fromList) {
            requireTrustFolder(trustDir);
        }
        VerifierTrust.Plan plan = VerifierTrust.plan(
                arguments.trustList,
                trustSettings,
                () -> arguments.root.orElse(trustDir.resolve("root.pem")),
                trustDir);
        TrustSource trustSource = TrustSource.load(plan.origin(), clock);
        TrustStore trust = trustSource.current().trust();
        String source = trustSource.current().source();
        trustSource
                .current()
                .material()
                .list()
                .ifPresent(list -> out.println(TrustListFile.describe(list, clock.instant())));
        VerificationService verification = new VerificationService(trustSource, clock, Optional.empty())
                .withBudget(VerifierConfig.budget(configFile, environment));
        // Without a status source the status is never assumed: authentic certificates show "status not checked".
        Optional<StatusListStatusSource> statusList = VerifierConfig.statusList(
                configFile, environment, () -> trustSource.current().trust(), clock);
        if (statusList.isPresent()) {
            verification = verification.withStatusList(statusList.get());
        }
        Optional<ReportPdf> reports = VerifierConfig.reportSigner(configFile, environment);
        Javalin app = VerifierApp.create(
                verification,
                config,
                io.cachet.core.status.StatusListSource.none(),
                Optional.empty(),
                CertificateDescriber.bundledOrNone(),
                reports);
        app.start(config.host(), config.port());
        VerifierTrust.keepCurrent(app, trustSource, plan, clock);
        out.println("Web verifier running on http://localhost:" + app.port() + "/ with "
                + trust.signers().size() + " trusted signer(s) and "
                + trust.timestampAnchors().size()
                + " timestamp anchor(s) from " + source + "; certificate status "
                + statusList
                        .map(list -> "from the status list " + list.location())
                        .orElse("not checked (no status-list-url or status-list-file)")
                + "; the trust is read again "
                + (plan.listSetsPeriod()
                        ? "at the interval the list names (else every "
                                + plan.period().toSeconds() + " s)"
                        : "every " + plan.period().toSeconds() + " s")
                + " and on SIGHUP; signed reports "
                + (reports.isPresent() ? "offered" : "not offered (no report-keystore)")
                + " (Ctrl-C to stop)");
        if (trust.timestampAnchors().isEmpty()) {
            out.println("WARNING: no timestamp anchor in " + source + ": every PDF signature timestamp will be"
                    + " refused (copy the issuer's whole trust folder, or use a trust list exported with its"
                    + " timestamp anchors)");
        }
        out.flush();
        return app;
    }

    /** A trust folder must have its root: without it the verifier does not start. */
    private static void requireTrustFolder(Path trustDir) {
        Path root = trustDir.resolve("root.pem");
        if (!Files.isRegularFile(root)) {
            throw CachetException.configuration("no trust material: " + root + " is missing. Point --trust-dir (or"
                    + " CACHET_TRUST_DIR) at a folder with root.pem and signers/*.pem, --home at a Cachet home, or"
                    + " --trust-list at a signed trust list with --root at its root certificate");
        }
    }

    private static void awaitShutdown(Javalin app) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.stop();
                            stopped.countDown();
                        },
                        "cachet-verifier-shutdown"));
        stopped.await();
    }

    private record Arguments(
            Optional<Path> home,
            Optional<Path> trustDir,
            Optional<Path> trustList,
            Optional<String> trustListUrl,
            Optional<Path> root,
            Optional<Path> config,
            Optional<Integer> port,
            Optional<String> bind) {
        static Arguments parse(String[] args) {
            Optional<Path> home = Optional.empty();
            Optional<Path> trustDir = Optional.empty();
            Optional<Path> trustList = Optional.empty();
            Optional<String> trustListUrl = Optional.empty();
            Optional<Path> root = Optional.empty();
            Optional<Path> config = Optional.empty();
            Optional<Integer> port = Optional.empty();
            Optional<String> bind = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw CachetException.usage("unknown option or missing value: " + option + "\n" + USAGE);
                }
                String value = args[++i];
                switch (option) {
                    case "--home" -> home = Optional.of(Path.of(value));
                    case "--trust-dir" -> trustDir = Optional.of(Path.of(value));
                    case "--trust-list" -> trustList = Optional.of(Path.of(value));
                    case "--trust-list-url" -> trustListUrl = Optional.of(value);
                    case "--root" -> root = Optional.of(Path.of(value));
                    case "--config" -> config = Optional.of(Path.of(value));
                    case "--bind" -> bind = Optional.of(value);
                    case "--port" -> {
                        try {
                            port = Optional.of(Integer.parseInt(value));
                        } catch (NumberFormatException e) {
                            throw CachetException.usage("--port needs a number, got " + value);
                        }
                    }
                    default -> throw CachetException.usage("unknown option " + option + "\n" + USAGE);
                }
            }
            return new Arguments(home, trustDir, trustList, trustListUrl, root, config, port, bind);
        }
    }
}
