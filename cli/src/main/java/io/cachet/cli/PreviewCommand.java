package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        header = "Render a specimen PDF (watermarked, unsealed, unsigned) to check data and layout.",
        description = {
            "Render the data as a specimen: the same validation and layout as `cachet issue`, with a diagonal",
            "\"SPÉCIMEN — NON VALABLE\" watermark (\"SPECIMEN — NOT VALID\" in English), the number SPECIMEN, no seal",
            "and no PDF signature. Nothing is registered and no key or passphrase is needed: it works without a",
            "home (the office printed is then a placeholder)."
        },
        footer = {
            "",
            "Examples:",
            "  cachet types show cir --sample > cir.json",
            "  cachet preview cir --data cir.json --out cir-specimen.pdf --lang en"
        })
final class PreviewCommand extends CachetCommand {
    @Mixin
    CertificateInput input;

    @Option(
            names = "--out",
            paramLabel = "FILE.pdf",
            description = "Where to write the PDF (default: TYPE-specimen.pdf); an existing file is never overwritten.")
    Path out;

    PreviewCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        Path target = out != null ? out : Path.of(input.type + "-specimen.pdf");
        byte[] pdf = services().preview().preview(input.type, input.data(), input.locale());
        try {
            SecureFiles.writeNew(target, pdf);
        } catch (FileAlreadyExistsException e) {
            throw CachetException.conflict(
                    "the output file " + target + " already exists: choose another --out (nothing was overwritten)");
        } catch (IOException e) {
            throw CachetException.usage("cannot write " + target + ": " + e.getMessage());
        }
        out().println("Specimen of " + input.type + " (not valid) → " + target);
        return 0;
    }
}
