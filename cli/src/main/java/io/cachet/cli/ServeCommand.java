package io.cachet.cli;

import io.javalin.Javalin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        header = "Start the web verifier (paste, upload, JSON API).",
        description = {
            "Start the web verifier: a page where a code is pasted or a PDF or photo uploaded, and the JSON API",
            "POST /api/v1/verify. It uses only the home's trust material, never a private key. Ctrl-C stops it."
        },
        footer = {"", "Example:", "  cachet serve --port 8080"})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8080",
            description = "TCP port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "0.0.0.0",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (all).")
    String bind;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        var services = global.services(context);
        Javalin app = WebServer.start(services.verification(), bind, port, new StatusListPublisher(services));
        var out = spec.commandLine().getOut();
        out.println("Web verifier running on http://localhost:" + app.port() + "/ (Ctrl-C to stop)");
        out.flush();
        WebServer.awaitShutdown(app);
        return 0;
    }
}
