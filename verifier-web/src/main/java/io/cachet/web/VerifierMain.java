package io.cachet.web;

import io.cachet.core.CachetException;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.status.StatusListStatusSource;
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
 * java -jar cachet-verifier-web.jar [--home DIR | --trust-dir DIR] [--config FILE] [--port N] [--bind ADDRESS]
 * </pre>
 *
 * The trust folder holds {@code root.pem} and {@code signers/*.pem}: {@code --trust-dir}, else {@code trust-dir}
 * in the configuration or {@code CACHET_TRUST_DIR}, else {@code trust/} of the home ({@code --home}, else
 * {@code CACHET_HOME}, else {@code ~/.cachet}). The configuration is {@code --config FILE}, else
 * {@code verifier.properties} of the home; environment variables override it (docs/verifier.md).
 */
public final class VerifierMain {
    private VerifierMain() {}

    static final String USAGE = "Usage: java -jar cachet-verifier-web.jar [--home DIR | --trust-dir DIR]"
            + " [--config FILE] [--port N] [--bind ADDRESS]\n"
            + "Runs the web verifier with only trust material (root.pem, signers/*.pem). Certificate status is\n"
            + "checked only with the office's signed status list (status-list-url or status-list-file); without\n"
            + "it, authentic certificates show \"status not checked\". Settings and their environment variables\n"
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
        Path root = trustDir.resolve("root.pem");
        if (!Files.isRegularFile(root)) {
            throw CachetException.configuration("no trust material: " + root + " is missing. Point --trust-dir (or"
                    + " CACHET_TRUST_DIR) at a folder with root.pem and signers/*.pem, or --home at a Cachet home");
        }
        // Revocations published with the trust material apply here too: a revoked key must not verify.
        TrustStore trust = TrustStore.load(root, trustDir.resolve("signers"))
                .withRevocations(io.cachet.core.home.KeyManagement.revocations(trustDir));
        Clock clock = Clock.systemUTC();
        VerificationService verification =
                new VerificationService(trust, clock).withBudget(VerifierConfig.budget(configFile, environment));
        // Without a status source the status is never assumed: authentic certificates show "status not checked".
        Optional<StatusListStatusSource> statusList = VerifierConfig.statusList(configFile, environment, trust, clock);
        if (statusList.isPresent()) {
            verification = verification.withStatusList(statusList.get());
        }
        Javalin app = VerifierApp.create(verification, config);
        app.start(config.host(), config.port());
        out.println("Web verifier running on http://localhost:" + app.port() + "/ with "
                + trust.signers().size() + " trusted signer(s) from " + trustDir + "; certificate status "
                + statusList
                        .map(source -> "from the status list " + source.location())
                        .orElse("not checked (no status-list-url or status-list-file)")
                + " (Ctrl-C to stop)");
        out.flush();
        return app;
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
            Optional<Path> config,
            Optional<Integer> port,
            Optional<String> bind) {
        static Arguments parse(String[] args) {
            Optional<Path> home = Optional.empty();
            Optional<Path> trustDir = Optional.empty();
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
            return new Arguments(home, trustDir, config, port, bind);
        }
    }
}
