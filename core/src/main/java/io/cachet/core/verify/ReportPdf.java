package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import io.cachet.core.crypto.Sha256;
import io.cachet.core.pdf.PadesSigner;
import io.cachet.core.render.CertificateRenderer;
import io.cachet.core.report.CertificateFacts;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.ReportTexts;
import io.cachet.core.report.StatusFacts;
import io.cachet.core.report.StatusSentences;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.Holder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * A verification report as a printable PDF, for a lawyer or a court: the verdict and its reasons, the verified file
 * and its SHA-256, when and by whom it was checked, the certificate data, the signer and timestamps, and every
 * check with its outcome. In French, or in English; check details stay technical, in English. Rendered from
 * {@code report.html} like the certificates (PDF/A-3a, tagged, embedded fonts), then signed (PAdES B-T) with the
 * verifier's key, so the report itself can be checked.
 */
public final class ReportPdf {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private static final TemplateEngine TEMPLATES = templates();

    private final PadesSigner signer;
    private final String signerName;
    private final CertificateRenderer renderer;
    private final CertificateDescriber describer;

    /**
     * @param signer the verifier's signer (its key, with a timestamp authority)
     * @param signerName the verifier's name, shown in the report and its signature
     * @param renderer renders the report's XHTML as PDF/A
     * @param describer labels what the certificate certifies in the report's language
     */
    public ReportPdf(
            PadesSigner signer, String signerName, CertificateRenderer renderer, CertificateDescriber describer) {
        this.signer = requireNonNull(signer, "signer is null");
        this.signerName = requireNonNull(signerName, "signerName is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.describer = requireNonNull(describer, "describer is null");
    }

    /**
     * Reports signed with a verifier's {@code key} (certified for reports only), timestamped by {@code timestamps},
     * rendered with the fonts of {@code catalog} and labelled with its types.
     */
    public static ReportPdf signedWith(
            io.cachet.core.keys.SignerKey key,
            io.cachet.core.pdf.TimestampAuthority timestamps,
            io.cachet.core.types.TypeCatalog catalog) {
        return new ReportPdf(
                new PadesSigner(key, timestamps),
                io.cachet.core.keys.ReportSigners.nameOf(key.certificate())
                        .orElse(key.certificate().getSubjectX500Principal().getName()),
                new CertificateRenderer(catalog),
                CertificateDescriber.of(catalog));
    }

    /**
     * The signed report PDF for {@code report}, made by verifying {@code verified} (named {@code fileName}).
     *
     * @param locale French unless the language is English
     */
    public byte[] write(VerificationReport report, byte[] verified, String fileName, Locale locale) {
        ReportTexts texts = ReportTexts.of(locale);
        java.util.Optional<CertificateFacts> facts =
                report.certificate().map(certificate -> describer.describe(certificate, texts.locale()));
        String html = html(report, facts, Sha256.hex(verified), fileName, texts, signerName);
        byte[] unsigned = renderer.renderXhtml(html, "the verification report");
        return signer.sign(unsigned, signerName, texts.text("report.title"));
    }

    /** The report's XHTML (exposed for tests). */
    static String html(
            VerificationReport report,
            java.util.Optional<CertificateFacts> facts,
            String sha256,
            String fileName,
            ReportTexts texts,
            String verifierName) {
        Context context = new Context(texts.locale());
        Map<String, String> labels = new HashMap<>();
        for (String key : List.of(
                "title",
                "intro",
                "verdict",
                "section.file",
                "section.certificate",
                "section.signature",
                "section.checks",
                "file",
                "sha256",
                "checkedAt",
                "verifier",
                "none",
                "id",
                "type",
                "issuer",
                "issuedAt",
                "expiresAt",
                "holder",
                "birthDate",
                "attests",
                "allows",
                "signer",
                "timestamp",
                "documentTimestamp",
                "longTerm",
                "column.check",
                "column.outcome",
                "column.detail",
                "footer",
                "section.status",
                "statusAt",
                "statusNow",
                "status",
                "events")) {
            labels.put(key, texts.text("report." + key));
        }
        context.setVariable("t", labels);
        context.setVariable("lang", texts.locale().getLanguage());
        context.setVariable("fileName", fileName);
        context.setVariable("sha256", sha256);
        context.setVariable("checkedAt", TIME.format(report.checkedAt()));
        context.setVariable("verifierName", verifierName);
        context.setVariable("verdictText", texts.verdict(report.verdict()));
        context.setVariable("verdictClass", verdictClass(report.verdict()));
        context.setVariable(
                "reasons",
                report.reasons().stream()
                        .map(reason -> Map.of("code", reason.name(), "text", texts.reason(reason)))
                        .toList());
        context.setVariable(
                "certificate",
                report.certificate()
                        .map(c -> certificate(c, facts.orElseGet(() -> CertificateFacts.unlabelled(c)), texts))
                        .orElse(null));
        context.setVariable(
                "facts",
                facts.or(() -> report.certificate().map(CertificateFacts::unlabelled))
                        .orElse(null));
        context.setVariable("status", status(report, texts));
        String notAvailable = texts.text("report.notAvailable");
        context.setVariable(
                "signer", firstPassedDetail(report, CheckName.PDF_SIGNER).orElse(notAvailable));
        context.setVariable(
                "timestamp", firstPassedDetail(report, CheckName.PDF_TIMESTAMP).orElse(notAvailable));
        context.setVariable(
                "documentTimestamps",
                report.checks().stream()
                        .filter(check ->
                                check.is(CheckName.PDF_DOCUMENT_TIMESTAMP) && check.outcome() == Check.Outcome.PASSED)
                        .map(Check::detail)
                        .toList());
        context.setVariable(
                "longTerm", firstPassedDetail(report, CheckName.PDF_LONG_TERM).orElse(notAvailable));
        context.setVariable(
                "checks",
                report.checks().stream().map(check -> check(check, texts)).toList());
        return TEMPLATES.process("report", context);
    }

    private static Map<String, String> certificate(
            CertificateSummary certificate, CertificateFacts facts, ReportTexts texts) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", certificate.id());
        fields.put("type", facts.typeName() + " (" + certificate.type() + ")");
        fields.put(
                "issuer",
                facts.issuerName()
                        .map(name -> name + " (" + certificate.issuer() + ")")
                        .orElse(certificate.issuer()));
        fields.put(
                "issuedAt",
                certificate.issuedOn().map(LocalDate::toString).orElseGet(() -> TIME.format(certificate.issuedAt())));
        fields.put(
                "expiresAt",
                certificate
                        .expiresOn()
                        .map(LocalDate::toString)
                        .or(() -> certificate.expiresAt().map(TIME::format))
                        .orElse(texts.text("report.noExpiry")));
        fields.put("holder", Holder.fullName(certificate.familyName(), certificate.givenNames()));
        fields.put("birthDate", certificate.birthDate());
        return fields;
    }

    /** The status facts for the template: when asked, the status and the deciding events in words; null if none. */
    private static Map<String, Object> status(VerificationReport report, ReportTexts texts) {
        if (report.status().isEmpty()) {
            return report.statusAt()
                    .<Map<String, Object>>map(at -> Map.of(
                            "asked",
                            true,
                            "at",
                            TIME.format(at),
                            "status",
                            texts.text("report.notAvailable"),
                            "events",
                            List.of()))
                    .orElse(null);
        }
        StatusFacts facts = report.status().get();
        return Map.of(
                "asked",
                report.statusAt().isPresent(),
                "at",
                TIME.format(facts.at()),
                "status",
                StatusSentences.status(facts, texts),
                "events",
                StatusSentences.events(facts, texts, TIME::format));
    }

    private static Map<String, Object> check(Check check, ReportTexts texts) {
        return Map.of(
                "label",
                texts.check(check.name()),
                "outcome",
                texts.outcome(check.outcome())
                        + check.reason()
                                .map(ReasonCode::name)
                                .map(code -> " " + code)
                                .orElse(""),
                "failed",
                check.outcome() == Check.Outcome.FAILED,
                "detail",
                check.detail());
    }

    private static String verdictClass(Verdict verdict) {
        return switch (verdict) {
            case VALID -> "ok";
            case INVALID -> "bad";
            default -> "warn";
        };
    }

    private static java.util.Optional<String> firstPassedDetail(VerificationReport report, CheckName name) {
        return report.checks().stream()
                .filter(check -> check.is(name) && check.outcome() == Check.Outcome.PASSED)
                .map(Check::detail)
                .findFirst();
    }

    private static TemplateEngine templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportPdf.class.getClassLoader());
        resolver.setPrefix("io/cachet/core/verify/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** For tests: the instant formatting the report uses. */
    static String format(Instant instant) {
        return TIME.format(instant);
    }
}
