package io.cachet.core.render;

import io.cachet.core.types.TypeCatalog;
import java.text.MessageFormat;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;

/** Resolves {@code #{key}} from the rendered type's {@code messages[_lang].properties}. */
final class TypeMessageResolver extends AbstractMessageResolver {
    private final TypeCatalog catalog;

    TypeMessageResolver(TypeCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        // Shared fragments (common/…) speak with the messages of the type that includes them: the first template.
        String typeId = context.getTemplateStack().get(0).getTemplate();
        String pattern = catalog.find(typeId)
                .map(type -> type.messages(context.getLocale()).getProperty(key))
                .orElse(null);
        if (pattern == null) {
            return null;
        }
        return parameters == null || parameters.length == 0
                ? pattern
                : new MessageFormat(pattern, context.getLocale()).format(parameters);
    }

    @Override
    public String createAbsentMessageRepresentation(
            ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        return "??" + key + "_" + context.getLocale().getLanguage() + "??";
    }
}
