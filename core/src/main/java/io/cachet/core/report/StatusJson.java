package io.cachet.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a report's status-at date and status facts (docs/verification-report.md): {@code statusAt}, and
 * {@code status} with the events that decide it. Both always present, {@code null} when empty.
 */
final class StatusJson {
    private StatusJson() {}

    static void write(VerificationReport report, ObjectNode root) {
        if (report.statusAt().isPresent()) {
            root.put("statusAt", report.statusAt().get().toString());
        } else {
            root.putNull("statusAt");
        }
        if (report.status().isEmpty()) {
            root.putNull("status");
            return;
        }
        StatusFacts facts = report.status().get();
        ObjectNode status = root.putObject("status");
        status.put("at", facts.at().toString());
        status.put("status", facts.status().name());
        ArrayNode events = status.putArray("events");
        for (StatusFacts.Event event : facts.events()) {
            ObjectNode node = events.addObject();
            node.put("kind", event.kind());
            node.put("at", event.at().toString());
            if (event.reason().isPresent()) {
                node.put("reason", event.reason().get());
            } else {
                node.putNull("reason");
            }
            if (event.related().isPresent()) {
                node.put("related", event.related().get());
            } else {
                node.putNull("related");
            }
        }
    }
}
