package io.cachet.web;

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

/** The web pages' texts: {@code web/messages_fr.properties} (default) and {@code web/messages_en.properties}. */
final class WebMessages extends AbstractMessageResolver {
    private final Map<String, Properties> bundles = Map.of("fr", load("fr"), "en", load("en"));

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        Properties bundle = bundles.getOrDefault(context.getLocale().getLanguage(), bundles.get("fr"));
        String pattern = bundle.getProperty(key);
        if (pattern == null || parameters == null || parameters.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, context.getLocale()).format(parameters);
    }

    @Override
    public String createAbsentMessageRepresentation(
            ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        return key;
    }

    private static Properties load(String language) {
        Properties properties = new Properties();
        String name = "web/messages_" + language + ".properties";
        try (InputStream in = WebMessages.class.getClassLoader().getResourceAsStream(name)) {
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
