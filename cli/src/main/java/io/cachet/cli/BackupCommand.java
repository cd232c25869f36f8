package io.cachet.cli;

import io.cachet.core.home.HomeBackup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        header = "Write an encrypted backup of the home (keys, registry, configuration).",
        description = {
            "Encrypts every file of the home with AES-256-GCM under a key derived (scrypt) from the passphrase in",
            "CACHET_BACKUP_PASSWORD (at least 12 characters; never on the command line). Restore with `cachet restore`."
        },
        footer = {
            "",
            "Example:",
            "  CACHET_BACKUP_PASSWORD=… cachet backup --out /media/offline/cachet-2026-11-26.backup"
        })
final class BackupCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "Where to write the backup (mode 0600).")
    Path out;

    BackupCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        int files = new HomeBackup(context.environment()).backup(global.home(context), out);
        spec.commandLine()
                .getOut()
                .println("Backed up " + files + " files of "
                        + global.home(context).root() + " to " + out);
        return 0;
    }
}
