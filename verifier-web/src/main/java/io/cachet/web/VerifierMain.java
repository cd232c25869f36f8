package io.cachet.web;

import io.cachet.core.CachetException;
import io.cachet.core.keys.TrustList;
import io.cachet.core.keys.TrustListFile;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.status.StatusListStatusSource;
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
 * java -jar cachet-verifier-web.jar [--home DIR | --trust-dir DIR] [--trust-list FILE [--root ROOT.pem]]
 *     [--config FILE] [--port N] [--bind ADDRESS]
 * </pre>
 *
 * The trust folder holds {@code root.pem}, {@code signers/*.pem} and the timestamp trust anchors {@code tsa/*.pem}:
 * {@code --trust-dir}, else {@code trust-dir}
 * in the configuration or {@code CACHET_TRUST_DIR}, else {@code trust/} of the home ({@code --home}, else
 * {@code CACHET_HOME}, else {@code ~/.cachet}). With {@code --trust-list}, the signers are those of that signed
 * list instead, accepted only when {@code --root} (default: the trust folder's {@code root.pem}) signed it and it
 * has not expired, as for {@code cachet serve --trust-list} ({@link TrustListFile}). The configuration is
 * {@code --config FILE}, else {@code verifier.properties} of the home; environment variables override it
 * (docs/verifier.md).
 */
public final class VerifierMain {
    private VerifierMain() {}

    static final String USAGE = "Usage: java -jar cachet-verifier-web.jar [--home DIR | --trust-dir DIR]"
            + " [--trust-list FILE [--root ROOT.pem]]\n"
            + "           [--config FILE] [--port N] [--bind ADDRESS]\n"
            + "Runs the web verifier with only trust material: a trust folder (root.pem, signers/*.pem, tsa/*.pem),\n"
            + "or a signed trust list (cachet trust-list export) checked against the pinned root certificate ROOT.pem\n"
            + "(default: the trust folder's root.pem); an altered or expired list is refused. Certificate status is\n"
            + "checked only with the office's signed status list (status-list-url or status-list-file); without it,\n"
            + "authentic certificates show \"status not checked\". Settings and their environment variables\n"
            + "(CACHET_WEB_PORT, CACHET_STATUS_LIST_URL, ...): docs/verifier.md.";

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
        TrustStore trust;
        String source;
        if (arguments.trustList.isPresent()) {
            Path root = arguments.root.orElse(trustDir.resolve("root.pem"));
            TrustList.Accepted accepted = TrustListFile.read(arguments.trustList.get(), root, clock.instant());
            trust = accepted.trust();
            source = "the trust list " + arguments.trustList.get() + " signed by " + root;
            out.println(TrustListFile.describe(accepted, clock.instant()));
        } else {
            if (arguments.root.isPresent()) {
                throw CachetException.usage(
                        "--root names the root that must have signed --trust-list: give both\n" + USAGE);
            }
            trust = trustFolder(trustDir);
            source = trustDir.toString();
        }
        VerificationService verification =
                new VerificationService(trust, clock).withBudget(VerifierConfig.budget(configFile, environment));
        // Without a status source the status is never assumed: authentic certificates show "status not checked".
        Optional<StatusListStatusSource> statusList = VerifierConfig.statusList(configFile, environment, trust, clock);
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
        out.println("Web verifier running on http://localhost:" + app.port() + "/ with "
                + trust.signers().size() + " trusted signer(s) and "
                + trust.timestampAnchors().size()
                + " timestamp anchor(s) from " + source + "; certificate status "
                + statusList
                        .map(list -> "from the status list " + list.location())
                        .orElse("not checked (no status-list-url or status-list-file)")
                + "; signed reports "
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

    /** The trust folder's root and signers, with the revocations published beside them. */
    private static TrustStore trustFolder(Path trustDir) {
        Path root = trustDir.resolve("root.pem");
        if (!Files.isRegularFile(root)) {
            throw CachetException.configuration("no trust material: " + root + " is missing. Point --trust-dir (or"
                    + " CACHET_TRUST_DIR) at a folder with root.pem and signers/*.pem, --home at a Cachet home, or"
                    + " --trust-list at a signed trust list with --root at its root certificate");
        }
        // Revocations published with the trust material apply here too: a revoked key must not verify.
        return TrustStore.loadFolder(trustDir).withRevocations(io.cachet.core.home.KeyManagement.revocations(trustDir));
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
            Optional<Path> root,
            Optional<Path> config,
            Optional<Integer> port,
            Optional<String> bind) {
        static Arguments parse(String[] args) {
            Optional<Path> home = Optional.empty();
            Optional<Path> trustDir = Optional.empty();
            Optional<Path> trustList = Optional.empty();
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
            return new Arguments(home, trustDir, trustList, root, config, port, bind);
        }
    }
}
