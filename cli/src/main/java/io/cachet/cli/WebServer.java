package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.registry.Registry;
import io.cachet.core.status.StatusListSource;
import io.cachet.core.verify.CertificateDescriber;
import io.cachet.core.verify.ReportPdf;
import io.cachet.core.verify.VerificationService;
import io.cachet.web.VerifierApp;
import io.cachet.web.VerifierConfig;
import io.javalin.Javalin;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** Starts the web verifier for {@code serve} and {@code quickstart}, and keeps it running until Ctrl-C. */
final class WebServer {
    private WebServer() {}

    static Javalin start(VerificationService verification, String host, int port) {
        return start(
                verification,
                new VerifierConfig(host, port, VerifierConfig.DEFAULT_MAX_REQUEST_BYTES),
                StatusListSource.none(),
                Optional.empty(),
                CertificateDescriber.bundledOrNone(),
                Optional.empty());
    }

    static Javalin start(
            VerificationService verification,
            VerifierConfig config,
            StatusListSource statusList,
            Optional<Registry> registry,
            CertificateDescriber describer,
            Optional<ReportPdf> reports) {
        String host = config.host();
        int port = config.port();
        Javalin app = VerifierApp.create(verification, config, statusList, registry, describer, reports);
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            throw CachetException.configuration("cannot start the web verifier on " + host + ":" + port + " ("
                    + rootMessage(e) + "): is the port in use? Choose another with --port N");
        }
        return app;
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then stops the server cleanly. */
    static void awaitShutdown(Javalin app) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.stop();
                            stopped.countDown();
                        },
                        "cachet-web-shutdown"));
        stopped.await();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
