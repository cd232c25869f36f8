package io.cachet.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON form of a report's status-at date and status facts (docs/verification-report.md): {@code statusAt}, and
 * {@code status} with the events that decide it. Both always present, {@code null} when empty.
 */
final class StatusJson {
    private StatusJson() {}

    static void write(VerificationReport report, JsonGenerator json) throws IOException {
        ReportJson.writeOptional(json, "statusAt", report.statusAt().map(Instant::toString));
        if (report.status().isEmpty()) {
            json.writeNullField("status");
            return;
        }
        StatusFacts facts = report.status().get();
        json.writeObjectFieldStart("status");
        json.writeStringField("at", facts.at().toString());
        json.writeStringField("status", facts.status().name());
        json.writeArrayFieldStart("events");
        for (StatusFacts.Event event : facts.events()) {
            json.writeStartObject();
            json.writeStringField("kind", event.kind());
            json.writeStringField("at", event.at().toString());
            ReportJson.writeOptional(json, "reason", event.reason());
            ReportJson.writeOptional(json, "related", event.related());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
