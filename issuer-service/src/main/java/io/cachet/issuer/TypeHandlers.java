package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.report.ReportJson;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.TypeCatalog;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Properties;

/** {@code GET /api/v1/types}: the certificate types with their fields, for the forms of case systems. */
final class TypeHandlers {
    private final TypeCatalog catalog;

    TypeHandlers(TypeCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    void list(Context ctx) {
        Access.require(ctx, Role.ISSUE, Role.MANAGE, Role.READ);
        Locale locale = "en".equals(ctx.queryParam("lang")) ? Locale.ENGLISH : Locale.FRENCH;
        ObjectNode answer = ReportJson.mapper().createObjectNode();
        ArrayNode types = answer.putArray("types");
        for (CertificateType type : catalog.types()) {
            Properties messages = type.messages(locale);
            ObjectNode node = types.addObject();
            node.put("id", type.id());
            node.put("title", messages.getProperty("title", type.title()));
            node.put("validity", type.validity().map(Object::toString).orElse(null));
            node.set("fields", ReportJson.mapper().valueToTree(type.fields()));
        }
        ctx.contentType("application/json").result(ReportJson.toText(answer));
    }
}
