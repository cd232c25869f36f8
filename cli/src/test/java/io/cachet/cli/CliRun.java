package io.cachet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** One run of the CLI with captured output. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(Map<String, String> environment, Clock clock, String... args) {
        CommandLine commandLine = CachetCli.commandLine(new CliContext(environment, clock));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
