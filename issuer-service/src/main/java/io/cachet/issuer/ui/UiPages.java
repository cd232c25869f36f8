package io.cachet.issuer.ui;

import io.cachet.issuer.Identity;
import io.cachet.issuer.Role;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders the agents' pages (Thymeleaf templates in {@code issuer/ui/templates}), with what every page shows. */
final class UiPages {
    private final TemplateEngine engine;
    private final UiTexts texts = new UiTexts();

    UiPages() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(UiPages.class.getClassLoader());
        resolver.setPrefix("issuer/ui/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setMessageResolver(texts);
    }

    UiTexts texts() {
        return texts;
    }

    /**
     * The page {@code template} for {@code session}'s agent (or nobody), in {@code locale}, at {@code path} (for the
     * language switch).
     */
    String render(String template, Locale locale, UiSessions.Session session, String path, Map<String, Object> model) {
        Context context = new Context(locale);
        Map<String, Object> variables = new HashMap<>(model);
        String lang = locale.getLanguage();
        variables.put("lang", lang);
        variables.put("otherLang", "fr".equals(lang) ? "en" : "fr");
        variables.put(
                "switchHref", path + (path.contains("?") ? "&" : "?") + "lang=" + ("fr".equals(lang) ? "en" : "fr"));
        variables.put("signedIn", session != null);
        if (session != null) {
            Identity identity = session.identity();
            variables.put("agentName", identity.name().orElse(identity.subject()));
            variables.put("csrf", session.csrfToken());
            variables.put("canIssue", identity.has(Role.ISSUE));
            variables.put("canManage", identity.has(Role.MANAGE));
            variables.put("canSearch", identity.has(Role.READ) || identity.has(Role.MANAGE));
        } else {
            variables.put("canIssue", false);
            variables.put("canManage", false);
            variables.put("canSearch", false);
        }
        context.setVariables(variables);
        return engine.process(template, context);
    }
}
