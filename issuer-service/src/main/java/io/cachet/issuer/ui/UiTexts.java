package io.cachet.issuer.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Map;
import java.util.Properties;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;

/** The pages' texts: {@code issuer/ui/messages_fr.properties} (default) and {@code issuer/ui/messages_en.properties}. */
final class UiTexts extends AbstractMessageResolver {
    private final Map<String, Properties> bundles = Map.of("fr", load("fr"), "en", load("en"));

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        return text(context.getLocale().getLanguage(), key, parameters);
    }

    /** The text {@code key} in {@code language}, with its parameters; the key itself when there is none. */
    String text(String language, String key, Object... parameters) {
        Properties bundle = bundles.getOrDefault(language, bundles.get("fr"));
        String pattern = bundle.getProperty(key);
        if (pattern == null) {
            return key;
        }
        if (parameters == null || parameters.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, java.util.Locale.forLanguageTag(language)).format(parameters);
    }

    @Override
    public String createAbsentMessageRepresentation(
            ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        return key;
    }

    boolean has(String key) {
        return bundles.get("fr").containsKey(key) && bundles.get("en").containsKey(key);
    }

    private static Properties load(String language) {
        Properties properties = new Properties();
        String name = "issuer/ui/messages_" + language + ".properties";
        try (InputStream in = UiTexts.class.getClassLoader().getResourceAsStream(name)) {
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
