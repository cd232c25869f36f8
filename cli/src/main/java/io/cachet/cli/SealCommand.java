package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReportJson;
import io.cachet.core.seal.SealInspection;
import io.cachet.core.seal.SealInspector;
import io.cachet.core.seal.SealVerification;
import io.cachet.core.seal.SealVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "seal",
        mixinStandardHelpOptions = true,
        header = "Work with seal codes directly (decode any seal of the HCERT layering).",
        description = "Work with the text of seal codes.",
        subcommands = SealCommand.Decode.class)
final class SealCommand extends CommandGroup {
    @Command(
            name = "decode",
            mixinStandardHelpOptions = true,
            header = "Decode a seal layer by layer and check its signature.",
            description = {
                "Decode any seal of the HCERT layering (prefix → Base45 → optional zlib → COSE_Sign1 → CWT), whatever",
                "its prefix (CT1: for Cachet, HC1: for EU DCC test data), print its claims and say whether its ES256",
                "signature verifies with the given certificate at the given time. It applies the HCERT rules: alg ES256",
                "in the protected header only; kid = first 8 bytes of SHA-256 of the certificate; iat ≤ time ≤ exp",
                "(no clock skew); the certificate valid at the time. Exit 0 only when it verifies."
            },
            footer = {
                "",
                "Trust: --trust CERT.pem (PEM, DER or bare Base64 DER), else the home's trust store.",
                "Exit codes: 0 verifies; 1 does not verify (or cannot be decoded); 64 usage error.",
                "",
                "Example:",
                "  cachet seal decode --code 'HC1:NCF…' --trust signer.pem --at 2021-06-01T00:00:00Z --prefix HC1 --json"
            })
    static final class Decode extends CachetCommand {
        @Option(names = "--code", required = true, paramLabel = "TEXT", description = "The seal text.")
        String code;

        @Option(names = "--trust", paramLabel = "CERT.pem", description = "Verify with this signer certificate only.")
        Path trust;

        @Option(
                names = "--at",
                paramLabel = "ISO-8601-TIME",
                description = "Judge the seal at this time (default: now), e.g. 2026-11-20T09:00:00Z.")
        String at;

        @Option(
                names = "--prefix",
                paramLabel = "P",
                defaultValue = "CT1",
                description = "Expected prefix, with or without its colon. Default: ${DEFAULT-VALUE}.")
        String prefix;

        @Option(names = "--json", description = "Print one JSON object: layers, headers, claims, verification.")
        boolean json;

        Decode(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            String fullPrefix = prefix.endsWith(":") ? prefix : prefix + ":";
            if (!fullPrefix.matches("[0-9A-Z $%*+\\-./]{1,8}:")) {
                throw CachetException.usage("--prefix '" + prefix + "' is not a short prefix of Base45 characters");
            }
            TrustStore trustStore = trust != null
                    ? TrustStore.ofSignersDirectly(Pem.readCertificates(trust))
                    : services().trustStore();
            Instant time = time();
            SealInspector inspector = new SealInspector(
                    trustStore,
                    fullPrefix,
                    new SealVerifier.Policy(fullPrefix, Duration.ZERO, SealVerifier.SignerValidity.AT_CHECK));
            SealInspection inspection = inspector.inspect(code, time);
            PrintWriter out = out();
            if (json) {
                out.println(ReportJson.toText(toJson(inspection, time)));
            } else {
                printText(inspection, out);
            }
            return inspection.verified() ? 0 : 1;
        }

        private Instant time() {
            if (at == null) {
                return clock().instant();
            }
            try {
                return Instant.parse(at);
            } catch (DateTimeParseException e) {
                try {
                    return java.time.OffsetDateTime.parse(at).toInstant();
                } catch (DateTimeParseException again) {
                    throw CachetException.usage(
                            "--at '" + at + "' is not an ISO 8601 time such as 2026-11-20T09:00:00Z");
                }
            }
        }

        private static ObjectNode toJson(SealInspection inspection, Instant time) {
            ObjectNode root = ReportJson.mapper().createObjectNode();
            root.put("verified", inspection.verified());
            inspection
                    .failure()
                    .ifPresentOrElse(reason -> root.put("reason", reason.name()), () -> root.putNull("reason"));
            root.put("checkedAt", time.toString());
            ObjectNode layers = root.putObject("layers");
            inspection.layers().ifPresent(l -> {
                layers.put("prefix", l.prefix());
                layers.put("compressed", l.compressed());
                layers.put("base45DecodedBytes", l.base45Decoded().length);
                layers.put("coseBytes", l.cose().length);
                layers.put("coseHex", HexFormat.of().formatHex(l.cose()));
            });
            inspection.cose().ifPresent(cose -> {
                root.set("protectedHeader", SealInspector.protectedHeader(cose));
                root.set("unprotectedHeader", SealInspector.unprotectedHeader(cose));
                cose.kid().ifPresent(kid -> root.put("kid", HexFormat.of().formatHex(kid)));
            });
            inspection.claims().ifPresentOrElse(claims -> root.set("claims", claims), () -> root.putNull("claims"));
            if (inspection.verification() instanceof SealVerification.Authentic authentic) {
                root.put("signer", authentic.signer().getSubjectX500Principal().getName());
                root.put("signerKid", Kid.of(authentic.signer()).hex());
            }
            ArrayNode checks = root.putArray("checks");
            for (Check check : inspection.verification().checks()) {
                ObjectNode node = checks.addObject();
                node.put("name", check.name());
                node.put("outcome", check.outcome().name());
                check.reason().ifPresent(reason -> node.put("reason", reason.name()));
                node.put("detail", check.detail());
            }
            return root;
        }

        private static void printText(SealInspection inspection, PrintWriter out) {
            out.println(
                    inspection.verified()
                            ? "VERIFIED"
                            : "NOT VERIFIED "
                                    + inspection.failure().map(Enum::name).orElse(""));
            inspection
                    .layers()
                    .ifPresent(l -> out.println("  layers:  prefix " + l.prefix() + ", Base45 → "
                            + l.base45Decoded().length + " bytes"
                            + (l.compressed() ? ", zlib → " + l.cose().length + " bytes" : ", not compressed")));
            inspection.cose().ifPresent(cose -> out.println("  header:  " + SealInspector.protectedHeader(cose)));
            inspection.claims().ifPresent(claims -> out.println("  claims:  " + claims));
            for (Check check : inspection.verification().checks()) {
                out.println("  " + (check.outcome() == Check.Outcome.FAILED ? "FAIL" : "ok  ") + " " + check.name()
                        + ": " + check.detail());
            }
        }
    }
}
