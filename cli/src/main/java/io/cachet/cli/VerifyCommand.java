package io.cachet.cli;

import io.cachet.core.CachetException;
import io.cachet.core.budget.Cancellation;
import io.cachet.core.files.SecureFiles;
import io.cachet.core.report.CertificateFacts;
import io.cachet.core.report.ReportJson;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.CertificateDescriber;
import io.cachet.core.verify.StatusAtInput;
import io.cachet.core.verify.VerificationBudget;
import io.cachet.core.verify.VerificationService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        header = "Verify a certificate from its PDF, a photo or scan, or its code.",
        description = {
            "Verify a certificate: a PDF (its signature, then the seal in its QR code and its 2D-Doc DataMatrix,",
            "which must agree), a photo or scan (PNG, JPEG: the QR code, else a 2D-Doc DataMatrix), or the text of",
            "its code. Files are recognised by their content, not their name.",
            "",
            "A 2D-Doc (the ANTS format, text beginning DC) is checked against the 2D-Doc authorities of the trust",
            "material: one from another emitter is decoded and its fields shown, but judged not authentic with its",
            "authority named (TWODOC_AUTHORITY_UNKNOWN). Its separators may be typed as <GS>, <RS> and <US>.",
            "",
            "A file is checked within a time budget (10 s unless --time-budget says otherwise), as in the web",
            "verifier: a picture crafted to keep a QR code reader busy, or a file too slow to check, is answered",
            "UNREADABLE with the reason BUDGET_EXCEEDED (exit 3) instead of computing for minutes.",
            "",
            "With --status-at, the verdict answers \"was this certificate valid on that date?\" from the issuer's",
            "registry history: issued by then, not expired, suspended, revoked or superseded at that time. The",
            "signatures are checked as always, now. Without the issuing office's registry the answer is",
            "UNREADABLE (STATUS_AT_UNAVAILABLE): a status list tells only the present."
        },
        footer = {
            "",
            "Exit codes: 0 valid; 1 not authentic (invalid, tampered, untrusted, unsigned); 2 authentic but not",
            "current (revoked, suspended, expired, superseded; with --status-at, also not yet issued at that date);",
            "3 could not check (unreadable, no code found, no status history);",
            "64 usage error.",
            "",
            "Examples:",
            "  cachet verify certificate.pdf",
            "  cachet verify certificate.pdf --report rapport.pdf",
            "  cachet verify --code 'CT1:…' --json",
            "  cachet verify --code 'DC04FR00…<US>…'",
            "  cachet verify certificate.pdf --status-at 2026-03-01 --report rapport.pdf",
            "  cachet verify scan-0042.jpg --time-budget 60s"
        })
final class VerifyCommand extends CachetCommand {
    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Parameters(
                index = "0",
                paramLabel = "FILE",
                description = "A certificate PDF, or a PNG/JPEG photo or scan of it.")
        Path file;

        @Option(
                names = "--code",
                paramLabel = "TEXT",
                description = "The text of the QR code or of a 2D-Doc (as scanned or typed).")
        String code;
    }

    @Option(
            names = "--json",
            description =
                    "Print the report as one JSON object (verdict, reasons, checks, certificate, checkedAt, statusAt,"
                            + " status).")
    boolean json;

    @Mixin
    TrustListOptions trustListOptions;

    @Option(
            names = "--report",
            paramLabel = "OUT.pdf",
            description = {
                "Also write the verification report as a PDF signed with the verifier's key, for printing or filing:",
                "what was checked and when, the verdict, the certificate, the signer, the timestamp, the file's",
                "SHA-256. Never overwrites an existing file."
            })
    Path report;

    @Option(
            names = "--lang",
            paramLabel = "LANG",
            defaultValue = "fr",
            description = {
                "Language of the labels of the certificate's facts in --json (typeName, fields) and of the",
                "--report PDF: fr (default) or en."
            })
    String lang;

    @Option(
            names = "--status-at",
            paramLabel = "TIME",
            description = {
                "Judge the status at this time instead of now: a date (2026-03-01, the end of that day in",
                "Europe/Paris), an instant (2026-03-01T14:30:00Z) or a date-time with its offset",
                "(2026-03-01T14:30:00+01:00). Not in the future."
            })
    String statusAt;

    @Option(
            names = "--time-budget",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = {
                "Time allowed to check a file before answering UNREADABLE (BUDGET_EXCEEDED): e.g. 500ms, 10s, 2m,",
                "1h, at most 24h. Default: ${DEFAULT-VALUE}, the web verifier's default. Raise it for forensic",
                "work on a batch of difficult scans."
            })
    Duration timeBudget;

    VerifyCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        Locale locale = Languages.parse(lang);
        if (this.report != null && Files.exists(this.report)) {
            throw CachetException.conflict("the report file " + this.report
                    + " already exists: choose another --report (nothing was" + " overwritten)");
        }
        // Nothing here reads the home until it is used: a verifier with only --trust-list and --root needs none.
        Optional<Instant> at = Optional.ofNullable(statusAt).map(StatusAtInput::parse);
        CachetServices services = services();
        VerificationService verification = trustListOptions
                .accepted(context(), global, err())
                .map(list -> new VerificationService(list.trust(), clock()))
                .orElseGet(services::verification)
                .withBudget(VerificationBudget.defaults().withTimeBudget(timeBudget));
        byte[] verified = input.code != null ? input.code.getBytes(StandardCharsets.UTF_8) : read(input.file);
        VerificationReport report = input.code != null
                ? verification.verifyCode(input.code, at)
                : verification.verifyFile(verified, Cancellation.never(), at);
        if (this.report != null) {
            writeReportPdf(services, report, verified);
        }
        var out = out();
        Optional<CertificateFacts> facts = report.certificate()
                .map(certificate -> CertificateDescriber.of(services.catalog()).describe(certificate, locale));
        if (json) {
            out.println(ReportJson.toText(ReportJson.toJson(report, facts)));
        } else {
            ReportPrinter.print(report, facts, out);
        }
        return report.verdict().exitCode();
    }

    private void writeReportPdf(CachetServices services, VerificationReport report, byte[] verified) {
        String name = input.file != null ? String.valueOf(input.file.getFileName()) : "code";
        byte[] pdf = services.reportPdf().write(report, verified, name, Languages.parse(lang));
        try {
            SecureFiles.writeNew(this.report, pdf);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw CachetException.conflict(
                    "the report file " + this.report + " already exists (nothing was overwritten)");
        } catch (IOException e) {
            throw CachetException.internal("cannot write " + this.report + ": " + e.getMessage(), e);
        }
        err().println("verification report written to " + this.report);
    }

    private static byte[] read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw CachetException.usage(file + " is a folder, not a file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CachetException.usage("file not found: " + file);
        } catch (IOException e) {
            throw CachetException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads {@code --time-budget} as {@link VerificationBudget#parseDuration(String)} does, within its bounds. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration duration = VerificationBudget.parseDuration(value);
                VerificationBudget.defaults().withTimeBudget(duration); // refuses 0 and more than 24 h, saying so
                return duration;
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
