package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import io.cachet.core.pdf.PdfExtender;
import io.cachet.core.pdf.PdfSignatureVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "pdf",
        mixinStandardHelpOptions = true,
        header = "Work with issued certificate PDFs (long-term validation).",
        description = "Work with issued certificate PDFs.",
        subcommands = PdfCommand.Extend.class)
final class PdfCommand extends CommandGroup {
    @Command(
            name = "extend",
            mixinStandardHelpOptions = true,
            header = "Add long-term validation data (PAdES B-LT) and a document timestamp (B-LTA) to issued PDFs.",
            description = {
                "Keeps issued certificates verifiable after the office's signing certificate and the timestamp",
                "authority's certificate expire. Each FILE must verify now; an incremental update then adds a /DSS",
                "with the certificates of the signer, the timestamp authorities and the root, and a CRL of the root",
                "issued after the signature (LT); LTA also adds a document timestamp from the home's timestamp",
                "authority over the whole file. The signed bytes are never rewritten: the file as issued stays a",
                "prefix of the extended one, and the registry still matches it.",
                "",
                "Extend every certificate before its office certificate expires (3 years) and, for LTA, extend again",
                "before the last timestamp authority's certificate expires. The root CRL is reissued when the one in",
                "trust/root.crl is older than a file's signature and the home holds the root key."
            },
            footer = {
                "",
                "Files are replaced atomically in place, unless --output-dir is given (existing files there are",
                "never overwritten). A file that fails is reported and left untouched; the others go on.",
                "Exit codes: 0 every file extended; 1 at least one failed; 64 usage error.",
                "",
                "Example:",
                "  cachet pdf extend archive/2026/*.pdf --level LTA"
            })
    static final class Extend extends CachetCommand {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Issued certificate PDFs.")
        List<Path> files;

        @Option(
                names = "--level",
                paramLabel = "LEVEL",
                defaultValue = "LTA",
                description = "LT (validation data) or LTA (validation data and a document timestamp)."
                        + " Default: ${DEFAULT-VALUE}.")
        PdfExtender.Level level;

        @Option(
                names = "--output-dir",
                paramLabel = "DIR",
                description = "Write the extended files into DIR, under their names, instead of in place.")
        Path outputDirectory;

        Extend(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            if (outputDirectory != null && !Files.isDirectory(outputDirectory)) {
                throw CachetException.usage("--output-dir " + outputDirectory + " is not a folder");
            }
            PdfExtender extender = services().pdfExtender();
            PrintWriter out = out();
            PrintWriter err = err();
            int failed = 0;
            for (Path file : files) {
                try {
                    PdfExtender.Extension extension = extender.extend(read(file), level);
                    if (extension.unchanged() && outputDirectory == null) {
                        out.println(file + ": already " + extension.level() + ", nothing to add (file unchanged)");
                        continue;
                    }
                    Path target = write(file, extension.pdf());
                    out.println(target + ": " + extension.level() + " (" + extension.certificatesAdded()
                            + " certificate(s) and " + extension.crlsAdded() + " CRL(s) added"
                            + extension
                                    .documentTimestamp()
                                    .map(at -> "; document timestamp " + at)
                                    .orElse("")
                            + ")");
                } catch (CachetException e) {
                    failed++;
                    err.println("cachet: " + file + ": " + e.getMessage());
                }
            }
            out.flush();
            err.flush();
            return failed == 0 ? 0 : 1;
        }

        private static byte[] read(Path file) {
            try {
                if (Files.isDirectory(file)) {
                    throw CachetException.invalidInput("a folder, not a file");
                }
                if (Files.size(file) > PdfSignatureVerifier.MAX_PDF_BYTES) {
                    throw CachetException.invalidInput(
                            "larger than " + PdfSignatureVerifier.MAX_PDF_BYTES + " bytes: not a certificate PDF");
                }
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw CachetException.invalidInput("file not found");
            } catch (IOException e) {
                throw CachetException.invalidInput("cannot read it: " + e.getMessage());
            }
        }

        private Path write(Path file, byte[] pdf) {
            try {
                if (outputDirectory == null) {
                    SecureFiles.writePublic(file, pdf);
                    return file;
                }
                Path target = outputDirectory.resolve(file.getFileName());
                SecureFiles.writeNew(target, pdf);
                return target;
            } catch (FileAlreadyExistsException e) {
                throw CachetException.conflict(
                        outputDirectory.resolve(file.getFileName()) + " already exists (nothing was overwritten)");
            } catch (IOException e) {
                throw CachetException.internal("cannot write the extended file: " + e.getMessage(), e);
            }
        }
    }
}
