package io.cachet.web;

import io.cachet.core.report.CertificateFacts;
import io.cachet.core.report.VerificationReport;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders the HTML pages (Thymeleaf templates in {@code web/templates}, messages beside them). */
final class Pages {
    private final TemplateEngine engine;
    private final String maxMegabytes;

    /** @param maxRequestBytes the upload limit the pages announce */
    Pages(long maxRequestBytes) {
        double megabytes = maxRequestBytes / (1024.0 * 1024.0);
        this.maxMegabytes = megabytes == Math.rint(megabytes)
                ? String.valueOf((long) megabytes)
                : String.format(Locale.ROOT, "%.2f", megabytes);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        resolver.setPrefix("web/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setMessageResolver(new WebMessages());
    }

    String home(Locale locale) {
        return render("home", locale, Map.of());
    }

    /**
     * The result page. With {@code resend} (how to send the same input again), it offers the signed report; a code's
     * page also offers to check it again at another date (a file is not kept for that).
     *
     * @param resend empty when this verifier signs no reports (then the page offers none)
     */
    String result(
            Locale locale,
            VerificationReport report,
            Optional<CertificateFacts> facts,
            Optional<ReportResend> resend,
            Optional<String> recheckCode) {
        return render(
                "result",
                locale,
                Map.of(
                        "resend",
                        resend.map(ReportResend::fields).orElse(Map.of()),
                        "facts",
                        facts,
                        "report",
                        report,
                        "view",
                        ResultView.of(report),
                        "groups",
                        CheckGroup.of(report.checks()),
                        "dates",
                        DisplayDates.of(report, locale),
                        "texts",
                        io.cachet.core.report.ReportTexts.of(locale),
                        "statusView",
                        StatusView.of(report, locale),
                        "recheckCode",
                        recheckCode.orElse("")));
    }

    String error(Locale locale, int status, String detail) {
        return render("error", locale, Map.of("status", status, "detail", detail));
    }

    String apiDocs(Locale locale, String openApiYaml) {
        return render("api-docs", locale, Map.of("yaml", openApiYaml));
    }

    private String render(String template, Locale locale, Map<String, Object> variables) {
        Context context = new Context(locale);
        context.setVariables(variables);
        context.setVariable("lang", locale.getLanguage());
        context.setVariable("maxMb", maxMegabytes);
        context.setVariable("otherLang", "fr".equals(locale.getLanguage()) ? "en" : "fr");
        return engine.process(template, context);
    }
}
