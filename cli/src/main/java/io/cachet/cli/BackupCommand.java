package io.cachet.cli;

import io.cachet.core.home.HomeBackup;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
final class BackupCommand extends CachetCommand {
    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "Where to write the backup (mode 0600).")
    Path out;

    BackupCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        int files = new HomeBackup(environment()).backup(home(), out);
        out().println("Backed up " + files + " files of " + home().root() + " to " + out);
        return 0;
    }
}
