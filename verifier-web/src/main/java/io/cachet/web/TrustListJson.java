package io.cachet.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.ReportJson;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The trust material this verifier uses, as JSON ({@code GET /api/v1/trust-list}): the pinned roots, the trusted
 * signing certificates with their key ids, and the timestamp trust anchors. Unsigned, for information: a system
 * that must not rely on this server pins the root and checks the signed list the issuer publishes
 * ({@code cachet trust-list export}, docs/keys.md).
 */
final class TrustListJson {
    private TrustListJson() {}

    static ObjectNode of(TrustStore trust) {
        ObjectNode root = ReportJson.mapper().createObjectNode();
        ArrayNode anchors = root.putArray("anchors");
        trust.anchors().forEach(anchor -> describe(anchors.addObject(), anchor));
        ArrayNode signers = root.putArray("signers");
        for (Map.Entry<Kid, X509Certificate> signer : trust.signers().entrySet()) {
            ObjectNode node = signers.addObject();
            node.put("kid", signer.getKey().hex());
            describe(node, signer.getValue());
        }
        ArrayNode timestampAnchors = root.putArray("timestampAnchors");
        trust.timestampAnchors().forEach(anchor -> describe(timestampAnchors.addObject(), anchor));
        return root;
    }

    private static void describe(ObjectNode node, X509Certificate certificate) {
        node.put("subject", certificate.getSubjectX500Principal().getName());
        node.put("issuer", certificate.getIssuerX500Principal().getName());
        node.put("serialNumber", certificate.getSerialNumber().toString(16));
        node.put("notBefore", certificate.getNotBefore().toInstant().toString());
        node.put("notAfter", certificate.getNotAfter().toInstant().toString());
        node.put("pem", Pem.encode(certificate));
    }
}
