package io.cachet.core.pdf;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link LongTermFiles} parameter (of a test, or of a {@code @BeforeAll} method): issued on first use,
 * then shared by every test class of the run, and deleted when the run ends.
 */
final class LongTermFilesExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LongTermFilesExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LongTermFiles.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(LongTermFiles.class, key -> LongTermFiles.issue(), LongTermFiles.class);
    }
}
