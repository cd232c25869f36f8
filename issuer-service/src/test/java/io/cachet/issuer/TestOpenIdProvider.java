package io.cachet.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small OpenID provider for the tests, over real HTTP: the discovery document and the JWKS of an EC P-256 and an
 * RSA key, and tokens signed with them. Keys can be rotated in, the provider taken down, and its JWKS requests
 * counted.
 */
final class TestOpenIdProvider implements AutoCloseable {
    static final String AUDIENCE = "cachet-issuer";

    private final HttpServer server;
    private final String issuer;
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile String announcedIssuer;
    final ECKey ecKey;
    final RSAKey rsaKey;

    private TestOpenIdProvider(HttpServer server) throws JOSEException {
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/ofii";
        this.announcedIssuer = issuer;
        this.ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        this.rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        published.add(ecKey.toPublicJWK());
        published.add(rsaKey.toPublicJWK());
    }

    static TestOpenIdProvider start() throws IOException, JOSEException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TestOpenIdProvider provider = new TestOpenIdProvider(server);
        server.createContext("/realms/ofii/.well-known/openid-configuration", exchange -> {
            String body = "{\"issuer\":\"" + provider.announcedIssuer + "\",\"jwks_uri\":\"" + provider.issuer
                    + "/protocol/openid-connect/certs\"}";
            provider.answer(exchange, body);
        });
        server.createContext("/realms/ofii/protocol/openid-connect/certs", exchange -> {
            provider.jwksRequests.incrementAndGet();
            provider.answer(exchange, new JWKSet(List.copyOf(provider.published)).toString(true));
        });
        server.start();
        return provider;
    }

    private void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        if (down.get()) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    String issuer() {
        return issuer;
    }

    OidcSettings settings() {
        return new OidcSettings(java.net.URI.create(issuer), AUDIENCE, List.of("roles"));
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    void takeDown(boolean value) {
        down.set(value);
    }

    void announceIssuer(String value) {
        announcedIssuer = value;
    }

    /** Publishes a new EC key (a rotation at the provider) and returns it. */
    ECKey rotateIn(String kid) throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        published.add(key.toPublicJWK());
        return key;
    }

    /** The claims of a good token issued at {@code now}: this issuer, the audience, a subject, valid 5 minutes. */
    JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject("f3a1c2d4-agent-0042")
                .claim("name", "Camille Martin")
                .claim("roles", List.of("cachet.issue", "offline_access"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    String es256(Instant now, Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
        return sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, ecKey.getKeyID(), now, change);
    }

    String rs256(Instant now, Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
        return sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS256, rsaKey.getKeyID(), now, change);
    }

    String signedWith(ECKey key, String kid, Instant now) throws JOSEException {
        return sign(new ECDSASigner(key), JWSAlgorithm.ES256, kid, now, claims -> {});
    }

    /** HS256 with the given secret, naming a key id: a token forged with a shared secret. */
    String hs256(byte[] secret, Instant now) throws JOSEException {
        return sign(new MACSigner(secret), JWSAlgorithm.HS256, "ec-1", now, claims -> {});
    }

    /** An unsecured token ({@code alg: none}) with good claims. */
    String unsecured(Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"kid\":\"ec-1\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims(now).build().toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private String sign(
            JWSSigner signer, JWSAlgorithm algorithm, String kid, Instant now, Consumer<JWTClaimsSet.Builder> change)
            throws JOSEException {
        JWTClaimsSet.Builder claims = claims(now);
        change.accept(claims);
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
        if (kid != null) {
            header.keyID(kid);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** An ES256 token without a kid in its header. */
    String withoutKid(Instant now) throws JOSEException {
        return sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, null, now, claims -> {});
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
