package io.cachet.core.render;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;

/**
 * The texts of a set of web pages in French (the default) and English, from {@code PREFIX_fr.properties} and
 * {@code PREFIX_en.properties} (UTF-8) on a class path, for Thymeleaf ({@code #{key}}) and for code: the verifier's
 * pages and the issuing service's share this reader, each with its own texts.
 */
public class PageTexts extends AbstractMessageResolver {
    private final Map<String, Properties> bundles;

    /**
     * @param owner a class whose class loader holds the texts
     * @param prefix the texts' resource name without {@code _fr.properties}, e.g. {@code web/messages}
     */
    protected PageTexts(Class<?> owner, String prefix) {
        requireNonNull(owner, "owner is null");
        requireNonNull(prefix, "prefix is null");
        bundles = Map.of("fr", load(owner, prefix, "fr"), "en", load(owner, prefix, "en"));
    }

    /** The text {@code key} in {@code language} (French for another language), with its parameters; else the key. */
    public String text(String language, String key, Object... parameters) {
        String said = said(language, key, parameters);
        return said == null ? key : said;
    }

    /** True when both languages have the text {@code key}. */
    public boolean has(String key) {
        return bundles.get("fr").containsKey(key) && bundles.get("en").containsKey(key);
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        return said(context.getLocale().getLanguage(), key, parameters);
    }

    @Override
    public String createAbsentMessageRepresentation(
            ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        return key;
    }

    private String said(String language, String key, Object[] parameters) {
        Properties bundle = bundles.getOrDefault(language, bundles.get("fr"));
        String pattern = bundle.getProperty(key);
        if (pattern == null || parameters == null || parameters.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, Locale.forLanguageTag(language)).format(parameters);
    }

    private static Properties load(Class<?> owner, String prefix, String language) {
        Properties properties = new Properties();
        String name = prefix + "_" + language + ".properties";
        try (InputStream in = owner.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
