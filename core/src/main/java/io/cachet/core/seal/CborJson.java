package io.cachet.core.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.util.HexFormat;

/**
 * Shows any CBOR value as JSON, for people reading a decoded seal: map keys become their text (integers as
 * digits), byte strings become hex, tags are dropped (their number kept under {@code "tag"}), and nesting is
 * bounded so that a hostile seal cannot exhaust the stack.
 */
public final class CborJson {
    private static final int MAX_DEPTH = 32;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CborJson() {}

    public static JsonNode toJson(CBORObject value) {
        return convert(value, 0);
    }

    private static JsonNode convert(CBORObject value, int depth) {
        if (depth > MAX_DEPTH) {
            return NODES.textNode("(nested too deeply)");
        }
        if (value.isTagged()) {
            ObjectNode tagged = NODES.objectNode();
            tagged.put("tag", value.getMostOuterTag().toString());
            tagged.set("value", convert(value.UntagOne(), depth + 1));
            return tagged;
        }
        CBORType type = value.getType();
        switch (type) {
            case Map -> {
                ObjectNode object = NODES.objectNode();
                for (CBORObject key : value.getKeys()) {
                    object.set(keyText(key), convert(value.get(key), depth + 1));
                }
                return object;
            }
            case Array -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < value.size(); i++) {
                    array.add(convert(value.get(i), depth + 1));
                }
                return array;
            }
            case ByteString -> {
                return NODES.textNode(HexFormat.of().formatHex(value.GetByteString()));
            }
            case TextString -> {
                return NODES.textNode(value.AsString());
            }
            case Boolean -> {
                return NODES.booleanNode(value.isTrue());
            }
            case Integer -> {
                return value.CanValueFitInInt64()
                        ? NODES.numberNode(value.AsInt64Value())
                        : NODES.numberNode(
                                new java.math.BigInteger(value.AsEIntegerValue().toString()));
            }
            case FloatingPoint -> {
                double number = value.AsDoubleValue();
                return Double.isFinite(number) ? NODES.numberNode(number) : NODES.textNode(Double.toString(number));
            }
            default -> {
                return value.isNull() ? NODES.nullNode() : NODES.textNode(value.toString());
            }
        }
    }

    private static String keyText(CBORObject key) {
        if (key.getType() == CBORType.TextString) {
            return key.AsString();
        }
        if (key.getType() == CBORType.Integer && key.CanValueFitInInt64()) {
            return Long.toString(key.AsInt64Value());
        }
        if (key.getType() == CBORType.ByteString) {
            return "h'" + HexFormat.of().formatHex(key.GetByteString()) + "'";
        }
        return key.toString();
    }
}
