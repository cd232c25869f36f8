package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.RegistryEvent;
import io.cachet.core.report.ReportJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** Registry records and events as text for people and as JSON for scripts. */
final class RecordOutput {
    private RecordOutput() {}

    static ObjectNode json(CertificateRecord record, Instant now) {
        ObjectNode node = ReportJson.mapper().createObjectNode();
        node.put("id", record.id().value());
        node.put("type", record.type());
        node.put("office", record.office());
        node.put("status", record.displayStatus(now));
        ObjectNode holder = node.putObject("holder");
        holder.put("familyName", record.holder().familyName());
        holder.put("givenNames", record.holder().givenNames());
        holder.put("birthDate", record.holder().birthDate());
        holder.put("foreignerNumber", record.foreignerNumber().orElse(null));
        node.put("issuedAt", record.issuedAt().toString());
        node.put("expiresAt", record.expiresAt().map(Instant::toString).orElse(null));
        node.put("signerKid", record.signerKid());
        node.put("sealSha256", record.sealSha256());
        node.put("pdfSha256", record.pdfSha256());
        node.put("file", record.file().toString());
        node.put("supersededBy", record.supersededBy().map(CertificateId::value).orElse(null));
        node.put("supersedes", record.supersedes().map(CertificateId::value).orElse(null));
        if (record.statusIndex().isPresent()) {
            node.put("statusIndex", record.statusIndex().get());
        } else {
            node.putNull("statusIndex");
        }
        return node;
    }

    static ArrayNode json(List<RegistryEvent> events) {
        ArrayNode array = ReportJson.mapper().createArrayNode();
        for (RegistryEvent event : events) {
            ObjectNode node = array.addObject();
            node.put("seq", event.seq());
            node.put("event", event.kind().name());
            node.put("at", event.at().toString());
            node.put("actor", event.actor());
            node.put("reason", event.reason().orElse(null));
            node.put("related", event.related().map(CertificateId::value).orElse(null));
            node.put("hash", event.hash());
        }
        return array;
    }

    static void print(CertificateRecord record, Instant now, PrintWriter out) {
        out.println(
                record.id() + "  " + record.displayStatus(now) + "  " + record.type() + "  office " + record.office());
        out.println("  holder:    " + record.holder().fullName() + " (born "
                + record.holder().birthDate() + ")"
                + record.foreignerNumber().map(n -> ", foreigner number " + n).orElse(""));
        out.println("  issued:    " + record.issuedAt()
                + record.expiresAt().map(e -> ", expires " + e).orElse(", does not expire"));
        record.supersededBy().ifPresent(id -> out.println("  replaced by: " + id));
        record.supersedes().ifPresent(id -> out.println("  corrects:  " + id));
        out.println("  file:      " + record.file());
        out.println("  signer:    " + record.signerKid() + ", PDF SHA-256 " + record.pdfSha256());
    }

    static void print(List<RegistryEvent> events, PrintWriter out) {
        for (RegistryEvent event : events) {
            out.println("  #" + event.seq() + "  " + event.at() + "  " + event.kind() + " by " + event.actor()
                    + event.reason().map(r -> ": " + r).orElse("")
                    + event.related().map(id -> " (" + id + ")").orElse(""));
        }
    }
}
