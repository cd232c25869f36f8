package io.cachet.web;

import io.cachet.core.render.PageTexts;

/** The web pages' texts: {@code web/messages_fr.properties} (default) and {@code web/messages_en.properties}. */
final class WebMessages extends PageTexts {
    WebMessages() {
        super(WebMessages.class, "web/messages");
    }
}
