package io.cachet.core.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The JSON form of a verification report, shared by {@code cachet verify --json} and {@code POST /api/v1/verify}
 * (docs/verification-report.md). Written field by field so that the contract is visible here.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter COMPACT = new ObjectMapper().writer();
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {}

    /** The report, its certificate's facts unlabelled (field keys as sealed, the type's id as its name). */
    public static ObjectNode toJson(VerificationReport report) {
        return toJson(report, report.certificate().map(CertificateFacts::unlabelled));
    }

    /**
     * The report, its certificate's facts labelled for one reader ({@code facts}, made by the verifier's
     * {@code CertificateDescriber} for the reader's language).
     */
    public static ObjectNode toJson(VerificationReport report, Optional<CertificateFacts> facts) {
        try (TokenBuffer tokens = new TokenBuffer(MAPPER, false)) {
            write(tokens, report, facts);
            return (ObjectNode) MAPPER.readTree(tokens.asParser());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * The report as compact UTF-8 JSON, for machines (the web API): the same JSON as {@link #toJson(VerificationReport,
     * Optional)}, byte for byte as {@link #toCompactBytes(ObjectNode)} writes it, streamed without building the tree.
     */
    public static byte[] toCompactBytes(VerificationReport report, Optional<CertificateFacts> facts) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(2048)) {
            try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
                write(json, report, facts);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The contract, field by field, in its order. */
    private static void write(JsonGenerator json, VerificationReport report, Optional<CertificateFacts> facts)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("verdict", report.verdict().name());
        json.writeArrayFieldStart("reasons");
        for (ReasonCode reason : report.reasons()) {
            json.writeString(reason.name());
        }
        json.writeEndArray();
        json.writeArrayFieldStart("checks");
        for (Check check : report.checks()) {
            json.writeStartObject();
            json.writeStringField("name", check.name());
            json.writeStringField("outcome", check.outcome().name());
            if (check.reason().isPresent()) {
                json.writeStringField("reason", check.reason().get().name());
            }
            json.writeStringField("detail", check.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (report.certificate().isPresent()) {
            CertificateSummary summary = report.certificate().get();
            json.writeObjectFieldStart("certificate");
            json.writeStringField("id", summary.id());
            json.writeStringField("type", summary.type());
            CertificateFacts labelled = facts.orElseGet(() -> CertificateFacts.unlabelled(summary));
            json.writeStringField("typeName", labelled.typeName());
            json.writeStringField("issuer", summary.issuer());
            writeOptional(json, "issuerName", labelled.issuerName());
            json.writeStringField("issuedAt", summary.issuedAt().toString());
            writeOptional(json, "expiresAt", summary.expiresAt().map(Instant::toString));
            if (summary.datedByDay()) {
                json.writeStringField(
                        "issuedOn", summary.issuedOn().orElseThrow().toString());
                writeOptional(json, "expiresOn", summary.expiresOn().map(LocalDate::toString));
            }
            json.writeObjectFieldStart("holder");
            json.writeStringField("familyName", summary.familyName());
            json.writeStringField("givenNames", summary.givenNames());
            json.writeStringField("birthDate", summary.birthDate());
            json.writeEndObject();
            json.writeArrayFieldStart("fields");
            for (CertificateFacts.Field field : labelled.fields()) {
                json.writeStartObject();
                json.writeStringField("key", field.key());
                json.writeStringField("label", field.label());
                json.writeStringField("value", field.value());
                json.writeStringField("display", field.display());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeOptional(json, "attests", labelled.attests());
            writeOptional(json, "allows", labelled.allows());
            json.writeEndObject();
        } else {
            json.writeNullField("certificate");
        }
        json.writeStringField("checkedAt", report.checkedAt().toString());
        StatusJson.write(report, json);
        json.writeEndObject();
    }

    /** The value, or {@code null}: optional fields are always present. */
    static void writeOptional(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        } else {
            json.writeNullField(name);
        }
    }

    public static String toText(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * The JSON as compact UTF-8 bytes, for machines (the web API): a third fewer bytes than the indented text, and no
     * string to encode again.
     */
    public static byte[] toCompactBytes(ObjectNode node) {
        try {
            return COMPACT.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
