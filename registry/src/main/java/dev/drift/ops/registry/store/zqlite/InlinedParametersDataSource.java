package dev.drift.ops.registry.store.zqlite;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections send every statement as plain SQL text, with the parameters of a
 * {@link PreparedStatement} written into it as SQLite literals ({@link SqliteLiterals}). Over pgjdbc this means
 * one PostgreSQL simple-query message per statement and nothing else.
 *
 * <p>Why: the seed promises only that ZQLite speaks the PostgreSQL wire protocol and accepts SQLite's SQL. The
 * extended query protocol (Parse/Bind/Execute, server-side prepared statements, typed parameters) is the part of
 * that protocol a small server is least likely to implement, and pgjdbc's own {@code preferQueryMode=simple}
 * still writes PostgreSQL syntax into the text ({@code ('42'::int8)}). With the values inlined here, what
 * reaches ZQLite is exactly the SQL that SQLite itself accepts, which the unit tests prove by running the whole
 * store contract through this class against SQLite.
 *
 * <p>The connections also answer the two questions that pgjdbc would otherwise put to the server in
 * PostgreSQL-only SQL: the transaction isolation (SQLite's transactions are serializable, so that is the only
 * level) and {@link Connection#isValid} (answered with {@code SELECT 1} rather than an empty query).
 */
final class InlinedParametersDataSource implements DataSource {

    private static final Set<String> PARAMETER_SETTERS = Set.of(
            "setString", "setLong", "setInt", "setDouble", "setBoolean", "setObject");

    private final DataSource target;

    InlinedParametersDataSource(DataSource target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return inlining(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return inlining(target.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return target.isWrapperFor(type);
    }

    static Connection inlining(Connection connection) {
        return proxy(Connection.class, new InliningConnection(connection));
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(InlinedParametersDataSource.class.getClassLoader(),
                new Class<?>[] {type}, handler));
    }

    /** Calls {@code method} on {@code target}, rethrowing what the method itself threw. */
    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not available over ZQLite's simple query protocol");
    }

    /** The connection: hands out inlining prepared statements, answers isolation and validity itself. */
    private record InliningConnection(Connection real) implements InvocationHandler {

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            return switch (method.getName()) {
                case "prepareStatement" -> {
                    if (args.length != 1) {
                        throw unsupported("prepareStatement with options");
                    }
                    yield proxy(PreparedStatement.class, new InliningStatement((Connection) self, real, (String) args[0]));
                }
                case "prepareCall" -> throw unsupported("prepareCall");
                case "createStatement" -> withoutEscapes((Statement) forward(real, method, args));
                case "getTransactionIsolation" -> Connection.TRANSACTION_SERIALIZABLE;
                case "setTransactionIsolation" -> {
                    if ((int) args[0] != Connection.TRANSACTION_SERIALIZABLE) {
                        throw unsupported("a transaction isolation other than SERIALIZABLE");
                    }
                    yield null;
                }
                case "isValid" -> isValid();
                case "toString" -> "ZQLite connection";
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                default -> forward(real, method, args);
            };
        }

        private boolean isValid() {
            try (Statement statement = real.createStatement()) {
                statement.execute("SELECT 1");
                return true;
            } catch (SQLException e) {
                return false;
            }
        }
    }

    /**
     * JDBC escape processing rewrites {@code {...}} outside quotes; our SQL has none, and JSON documents in the
     * data must never be touched, so it is off.
     */
    private static Statement withoutEscapes(Statement statement) throws SQLException {
        statement.setEscapeProcessing(false);
        return statement;
    }

    /** A prepared statement that collects its parameters and runs the inlined text on a plain statement. */
    private static final class InliningStatement implements InvocationHandler {

        private final Connection owner;
        private final Connection real;
        private final String sql;
        private final List<Object> parameters = new ArrayList<>();
        private Statement current;
        private boolean closed;

        InliningStatement(Connection owner, Connection real, String sql) {
            this.owner = owner;
            this.real = real;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (PARAMETER_SETTERS.contains(name) && args.length == 2) {
                set((int) args[0], args[1]);
                return null;
            }
            return switch (name) {
                case "setNull" -> {
                    set((int) args[0], null);
                    yield null;
                }
                case "clearParameters" -> {
                    parameters.clear();
                    yield null;
                }
                case "executeQuery" -> fresh().executeQuery(inlined(args));
                case "executeUpdate" -> fresh().executeUpdate(inlined(args));
                case "executeLargeUpdate" -> fresh().executeLargeUpdate(inlined(args));
                case "execute" -> fresh().execute(inlined(args));
                case "getResultSet", "getUpdateCount", "getLargeUpdateCount", "getMoreResults", "getWarnings",
                     "clearWarnings" -> current == null ? defaultFor(method) : forward(current, method, args);
                case "close" -> {
                    closed = true;
                    closeCurrent();
                    yield null;
                }
                case "isClosed" -> closed;
                case "getConnection" -> owner;
                case "toString" -> "ZQLite statement: " + sql;
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                default -> throw unsupported("PreparedStatement." + name);
            };
        }

        private void set(int index, Object value) {
            while (parameters.size() < index) {
                parameters.add(null);
            }
            parameters.set(index - 1, value);
        }

        /** With arguments, execute(sql) on a prepared statement is a JDBC misuse; without, the bound statement runs. */
        private String inlined(Object[] args) throws SQLException {
            if (args != null && args.length > 0) {
                throw new SQLException("a PreparedStatement runs its own SQL; use a Statement for other SQL");
            }
            return SqliteLiterals.inline(sql, parameters);
        }

        private Statement fresh() throws SQLException {
            if (closed) {
                throw new SQLException("the statement is closed");
            }
            closeCurrent();
            current = withoutEscapes(real.createStatement());
            return current;
        }

        private void closeCurrent() throws SQLException {
            if (current != null) {
                current.close();
                current = null;
            }
        }

        private static Object defaultFor(Method method) {
            Class<?> type = method.getReturnType();
            if (type == int.class) {
                return -1;
            }
            if (type == long.class) {
                return -1L;
            }
            return type == boolean.class ? false : null;
        }
    }
}
