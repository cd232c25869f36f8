package io.cachet.core.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statements prepared once per physical database connection and kept with it across the pool's loans, for the
 * queries every verification makes. SQLite's driver compiles a statement's SQL on each {@code prepareStatement}: for
 * the record's lookup by id that was 30 µs of a verification, against 12 µs with the statement kept
 * (docs/benchmarks.md, "Verification of distinct seals").
 *
 * <p>A statement belongs to the connection it was prepared on, and a pooled connection is lent to one thread at a
 * time, so a kept statement is never used by two threads at once. They are prepared on the driver's connection under
 * the pool's proxy, which the pool does not track: they are not closed when a loan ends, and they close with their
 * connection when the pool retires it. Entries of connections that are closed are dropped whenever a new connection
 * is seen, so the map holds at most about the pool's size.
 */
final class KeptStatements {
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

    /** The statement for {@code sql} on the driver's connection under {@code pooled}, prepared on first use. */
    PreparedStatement statement(Connection pooled, String sql) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> statements = byConnection.get(physical);
        if (statements == null) {
            dropClosedConnections();
            statements = new ConcurrentHashMap<>();
            byConnection.put(physical, statements);
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * Closes and forgets the statements of {@code pooled}'s connection, after a statement failed on it: the next use
     * prepares them again (on another connection if the pool evicts this one).
     */
    void forget(Connection pooled) {
        try {
            Map<String, PreparedStatement> statements = byConnection.remove(pooled.unwrap(Connection.class));
            if (statements != null) {
                for (PreparedStatement statement : statements.values()) {
                    closeQuietly(statement);
                }
            }
        } catch (SQLException e) {
            // The proxy no longer reaches its connection: nothing of it is kept that could be used again.
        }
    }

    /** The number of connections with kept statements (for tests). */
    int connections() {
        return byConnection.size();
    }

    private void dropClosedConnections() {
        byConnection.keySet().removeIf(KeptStatements::isClosed);
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // Already unusable: it is not kept.
        }
    }
}
