package io.cachet.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * At most {@code maxPerAddress} open connections from one client address (an IPv6 client by its /64, as in
 * {@link RateLimiter#key}): one more is closed as soon as it opens. The trusted reverse proxies are not limited,
 * since every client behind them shares their address. Added to every connector of the server when it starts.
 */
final class ConnectionsPerAddress extends AbstractLifeCycle implements Connection.Listener {
    private final Server server;
    private final int maxPerAddress;
    private final ClientAddress clients;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final Map<Connection, String> counted = new ConcurrentHashMap<>();

    ConnectionsPerAddress(Server server, int maxPerAddress, ClientAddress clients) {
        this.server = server;
        this.maxPerAddress = maxPerAddress;
        this.clients = clients;
    }

    @Override
    protected void doStart() throws Exception {
        for (Connector connector : server.getConnectors()) {
            connector.addBean(this);
        }
        super.doStart();
    }

    @Override
    public void onOpened(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return;
        }
        String address = inet.getAddress().getHostAddress();
        if (clients.isTrustedProxy(address)) {
            return;
        }
        String key = RateLimiter.key(address);
        boolean[] admitted = {false};
        open.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (admitted[0]) {
            counted.put(connection, key);
        } else {
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        String key = counted.remove(connection);
        if (key != null) {
            open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** Open connections counted for {@code address}'s group; for the tests. */
    int openFrom(String address) {
        return open.getOrDefault(RateLimiter.key(address), 0);
    }
}
