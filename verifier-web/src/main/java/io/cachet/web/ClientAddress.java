package io.cachet.web;

import io.javalin.http.Context;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who the client is and whether it came over TLS. The TCP peer is the client, unless the peer is one of the
 * configured reverse proxies: only then are {@code X-Forwarded-For} and {@code X-Forwarded-Proto} believed (a
 * client can write any header; OWASP ASVS 5 V4.1). Addresses are IP literals or CIDR ranges, never host names, so
 * nothing here asks DNS.
 */
final class ClientAddress {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final List<Range> trustedProxies;

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies =
                trustedProxies.stream().map(ClientAddress::parseRange).toList();
    }

    /**
     * The client's address: the peer, or when the peer is a trusted proxy, the right-most address of
     * {@code X-Forwarded-For} that is not itself a trusted proxy (the left part can be forged by the client).
     */
    String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!isTrustedProxy(peer)) {
            return peer;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !isTrustedProxy(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** True when the request came over TLS, to us or to a trusted proxy that says so. */
    boolean isHttps(Context ctx) {
        if (ctx.req().isSecure()) {
            return true;
        }
        String proto = ctx.header("X-Forwarded-Proto");
        return proto != null
                && "https".equals(proto.trim().toLowerCase(Locale.ROOT))
                && isTrustedProxy(ctx.req().getRemoteAddr());
    }

    boolean isTrustedProxy(String address) {
        Optional<InetAddress> parsed = literal(address);
        return parsed.isPresent() && trustedProxies.stream().anyMatch(range -> range.contains(parsed.get()));
    }

    /**
     * Parses {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code ::1} or {@code fd00::/8}.
     *
     * @throws IllegalArgumentException when it is not an IP literal or CIDR range
     */
    static Range parseRange(String text) {
        String[] parts = text.trim().split("/", 2);
        InetAddress address = literal(parts[0])
                .orElseThrow(() -> new IllegalArgumentException(
                        "trusted proxy '" + text + "' is not an IP address or CIDR range"));
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("trusted proxy '" + text + "' has a bad prefix length");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("trusted proxy '" + text + "' has a bad prefix length");
        }
        return new Range(address.getAddress(), prefix);
    }

    private static Optional<InetAddress> literal(String text) {
        String candidate = text == null ? "" : text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (candidate.isEmpty() || !IP_LITERAL.matcher(candidate).matches()) {
            return Optional.empty();
        }
        try {
            // Only literals reach here (checked above), so this never resolves a name.
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    record Range(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int shift = bytes.length * 8 - prefix;
            return new BigInteger(1, bytes).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }
    }
}
