package io.cachet.core.render;

import io.cachet.core.types.TypeCatalog;
import java.util.Map;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.thymeleaf.templateresource.ITemplateResource;
import org.thymeleaf.templateresource.StringTemplateResource;

/** Resolves a template name (a type id) to that type's {@code template.html}, cached by the engine. */
final class TypeTemplateResolver extends StringTemplateResolver {
    private final TypeCatalog catalog;

    TypeTemplateResolver(TypeCatalog catalog) {
        this.catalog = catalog;
        setTemplateMode(TemplateMode.XML);
        setCacheable(true);
    }

    @Override
    protected ITemplateResource computeTemplateResource(
            IEngineConfiguration configuration,
            String ownerTemplate,
            String template,
            Map<String, Object> templateResolutionAttributes) {
        return new StringTemplateResource(
                template.startsWith(TypeCatalog.COMMON_PREFIX)
                        ? catalog.commonTemplate(template)
                        : catalog.get(template).template());
    }
}
