package io.cachet.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.crypto.Sha256;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of {@code POST /api/v1/certificates}: a client's own name for one request, so
 * that a request repeated after a lost answer issues nothing twice. Keys are scoped to the caller (two callers may
 * choose the same key) and recorded in the registry as a hash, beside the hash of the request they named.
 */
final class IdempotencyKeys {
    static final String HEADER = "Idempotency-Key";
    /** Printable ASCII without spaces, 1 to 255 characters: a UUID, a case number, a request id. */
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyKeys() {}

    /** The request's key, when it has one; a malformed one is a 400. */
    static Optional<String> header(Context ctx) {
        String value = ctx.header(HEADER);
        if (value == null) {
            return Optional.empty();
        }
        if (!VALID.matcher(value).matches()) {
            throw new BadRequestResponse(
                    HEADER + " must be 1 to 255 printable ASCII characters without spaces (a UUID, for example)");
        }
        return Optional.of(value);
    }

    /** The key as the registry records it: {@code api:} and the SHA-256 of the caller's subject and its key. */
    static String scoped(Identity caller, String clientKey) {
        return "api:" + Sha256.hex((caller.subject() + "\n" + clientKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The SHA-256 of what the request asks for: the type, the language and the data, object members in name order
     * (so that the same data sent with its members in another order is the same request).
     */
    static String requestSha256(String type, String lang, JsonNode data) {
        String canonical = type + "\n" + lang + "\n" + canonical(data);
        return Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            names.forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }
}
