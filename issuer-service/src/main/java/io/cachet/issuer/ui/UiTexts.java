package io.cachet.issuer.ui;

import io.cachet.core.render.PageTexts;

/** The pages' texts: {@code issuer/ui/messages_fr.properties} (default) and {@code issuer/ui/messages_en.properties}. */
final class UiTexts extends PageTexts {
    UiTexts() {
        super(UiTexts.class, "issuer/ui/messages");
    }
}
