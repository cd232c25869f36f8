package io.cachet.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The JSON form of a verification report, shared by {@code cachet verify --json} and {@code POST /api/v1/verify}
 * (docs/verification-report.md). Written field by field so that the contract is visible here.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter COMPACT = new ObjectMapper().writer();

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
        ObjectNode root = MAPPER.createObjectNode();
        root.put("verdict", report.verdict().name());
        ArrayNode reasons = root.putArray("reasons");
        report.reasons().forEach(reason -> reasons.add(reason.name()));
        ArrayNode checks = root.putArray("checks");
        for (Check check : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("name", check.name());
            node.put("outcome", check.outcome().name());
            check.reason().ifPresent(reason -> node.put("reason", reason.name()));
            node.put("detail", check.detail());
        }
        if (report.certificate().isPresent()) {
            CertificateSummary summary = report.certificate().get();
            ObjectNode certificate = root.putObject("certificate");
            certificate.put("id", summary.id());
            certificate.put("type", summary.type());
            CertificateFacts labelled = facts.orElseGet(() -> CertificateFacts.unlabelled(summary));
            certificate.put("typeName", labelled.typeName());
            certificate.put("issuer", summary.issuer());
            putOptional(certificate, "issuerName", labelled.issuerName());
            certificate.put("issuedAt", summary.issuedAt().toString());
            if (summary.expiresAt().isPresent()) {
                certificate.put("expiresAt", summary.expiresAt().get().toString());
            } else {
                certificate.putNull("expiresAt");
            }
            ObjectNode holder = certificate.putObject("holder");
            holder.put("familyName", summary.familyName());
            holder.put("givenNames", summary.givenNames());
            holder.put("birthDate", summary.birthDate());
            ArrayNode fields = certificate.putArray("fields");
            for (CertificateFacts.Field field : labelled.fields()) {
                ObjectNode node = fields.addObject();
                node.put("key", field.key());
                node.put("label", field.label());
                node.put("value", field.value());
                node.put("display", field.display());
            }
            putOptional(certificate, "attests", labelled.attests());
            putOptional(certificate, "allows", labelled.allows());
        } else {
            root.putNull("certificate");
        }
        root.put("checkedAt", report.checkedAt().toString());
        StatusJson.write(report, root);
        return root;
    }

    private static void putOptional(ObjectNode node, String name, Optional<String> value) {
        if (value.isPresent()) {
            node.put(name, value.get());
        } else {
            node.putNull(name);
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
