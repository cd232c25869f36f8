package io.cachet.issuer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.RegistryEvent;
import java.time.Instant;
import java.util.List;

/** A certificate's record as the issuing service answers it: core's record JSON and where its PDF is. */
final class RecordJson {
    private RecordJson() {}

    static ObjectNode of(CertificateRecord record, List<RegistryEvent> history, Instant now) {
        return withPdf(io.cachet.core.registry.RecordJson.of(record, history, now), record);
    }

    static ObjectNode summary(CertificateRecord record, Instant now) {
        return withPdf(io.cachet.core.registry.RecordJson.summary(record, now), record);
    }

    private static ObjectNode withPdf(ObjectNode node, CertificateRecord record) {
        return node.put("pdf", CertificateHandlers.pdfPath(record.id()));
    }
}
