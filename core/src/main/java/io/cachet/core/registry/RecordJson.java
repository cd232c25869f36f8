package io.cachet.core.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.report.ReportJson;
import java.time.Instant;
import java.util.List;

/**
 * A certificate's record, and its history, as the JSON APIs answer them (the verifier's {@code GET
 * /api/v1/certificates/{id}} for registered administrations, the issuing service).
 */
public final class RecordJson {
    private RecordJson() {}

    /** The record with its events: type, time, actor, reason and the related certificate. */
    public static ObjectNode of(CertificateRecord record, List<RegistryEvent> history, Instant now) {
        ObjectNode node = summary(record, now);
        ArrayNode events = node.putArray("events");
        for (RegistryEvent event : history) {
            ObjectNode entry = events.addObject();
            entry.put("type", event.kind().name());
            entry.put("at", event.at().toString());
            entry.put("actor", event.actor());
            entry.put("reason", event.reason().orElse(null));
            event.related().ifPresent(related -> entry.put("related", related.value()));
        }
        return node;
    }

    /** The record without its history (search results): status as of {@code now}. */
    public static ObjectNode summary(CertificateRecord record, Instant now) {
        ObjectNode node = ReportJson.mapper().createObjectNode();
        node.put("id", record.id().value());
        node.put("type", record.type());
        node.put("office", record.office());
        node.put("status", record.displayStatus(now));
        node.put("issuedAt", record.issuedAt().toString());
        node.put("expiresAt", record.expiresAt().map(Instant::toString).orElse(null));
        ObjectNode holder = node.putObject("holder");
        holder.put("familyName", record.holder().familyName());
        holder.put("givenNames", record.holder().givenNames());
        holder.put("birthDate", record.holder().birthDate());
        record.supersededBy().ifPresent(next -> node.put("supersededBy", next.value()));
        record.supersedes().ifPresent(previous -> node.put("supersedes", previous.value()));
        return node;
    }
}
