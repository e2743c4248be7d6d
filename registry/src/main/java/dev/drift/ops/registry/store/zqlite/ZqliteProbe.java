package dev.drift.ops.registry.store.zqlite;

import dev.drift.ops.registry.store.zqlite.ProbeReport.Check;
import dev.drift.ops.registry.store.zqlite.ProbeReport.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds out what a server at a ZQLite URL actually does, one check at a time, instead of trusting the seed's
 * claims: does it accept TCP, answer {@code GET /health} over HTTP, answer PostgreSQL's SSLRequest, complete a
 * protocol-3 startup without a password (AuthenticationOk, ParameterStatus, ReadyForQuery), and answer
 * {@code SELECT 1}? Each check records what came back, byte for byte where it was not what PostgreSQL sends.
 *
 * <p>The probe sends no credentials and no {@code [database.zqlite]} options: it asks what the server speaks,
 * not whether Drift's settings are right.
 */
public final class ZqliteProbe {

    public static final String TCP = "tcp connect";
    public static final String HEALTH = "http /health";
    public static final String SSL_REQUEST = "pg ssl request";
    public static final String STARTUP = "pg startup";
    public static final String SELECT_1 = "select 1";

    /** Protocol 3.0 in the StartupMessage, and the magic number of the SSLRequest. */
    private static final int PROTOCOL_3 = 196608;
    private static final int SSL_REQUEST_CODE = 80877103;
    /** A backend message longer than this is taken for garbage rather than read. */
    private static final int MAX_MESSAGE = 1 << 20;
    private static final int MAX_DETAIL = 160;
    /** Backend message types a server may send during startup, and in answer to a simple query. */
    private static final String STARTUP_TYPES = "RSKNEZv";
    private static final String QUERY_TYPES = "TDCZENISA";

    private final Duration timeout;
    private final boolean runQuery;

    /**
     * @param timeout how long each connect and each read may wait
     * @param runQuery whether to send {@code SELECT 1} after a successful startup
     */
    public ZqliteProbe(Duration timeout, boolean runQuery) {
        this.timeout = timeout;
        this.runQuery = runQuery;
    }

    /** All checks, waiting up to 3 seconds for each answer. */
    public static ProbeReport probe(ZqliteUrl url) {
        return new ZqliteProbe(Duration.ofSeconds(3), true).run(url);
    }

    public ProbeReport run(ZqliteUrl url) {
        List<Check> checks = new ArrayList<>();
        Check tcp = tcp(url);
        checks.add(tcp);
        if (tcp.outcome() != Outcome.PASSED) {
            for (String name : List.of(HEALTH, SSL_REQUEST, STARTUP, SELECT_1)) {
                checks.add(new Check(name, Outcome.NOT_RUN, "no TCP connection"));
            }
            return new ProbeReport(url.toString(), checks);
        }
        checks.add(health(url));
        checks.add(sslRequest(url));
        checks.addAll(startupAndQuery(url));
        return new ProbeReport(url.toString(), checks);
    }

    // --- checks -------------------------------------------------------------------------------

    private Check tcp(ZqliteUrl url) {
        try (Socket ignored = connect(url)) {
            return new Check(TCP, Outcome.PASSED, url.hostAndPort() + " accepts connections");
        } catch (IOException e) {
            return new Check(TCP, Outcome.FAILED, describe(e));
        }
    }

    private Check health(ZqliteUrl url) {
        try (Socket socket = connect(url)) {
            String request = "GET /health HTTP/1.1\r\nHost: " + url.hostAndPort()
                    + "\r\nUser-Agent: drift-zqlite-probe\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] answer = readUntilClosed(socket.getInputStream(), 8192);
            if (answer.length == 0) {
                return new Check(HEALTH, Outcome.FAILED, "closed the connection without an HTTP answer");
            }
            HttpAnswer http = HttpAnswer.parse(answer);
            if (http == null) {
                return new Check(HEALTH, Outcome.FAILED, "answered, but not with HTTP: " + printable(answer));
            }
            String detail = "HTTP " + http.status() + ", body \"" + printable(http.body()) + "\"";
            return new Check(HEALTH, http.status() == 200 ? Outcome.PASSED : Outcome.FAILED, detail);
        } catch (IOException e) {
            return new Check(HEALTH, Outcome.FAILED, describe(e));
        }
    }

    private Check sslRequest(ZqliteUrl url) {
        try (Socket socket = connect(url)) {
            OutputStream out = socket.getOutputStream();
            out.write(ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST_CODE).array());
            out.flush();
            int answer = socket.getInputStream().read();
            return switch (answer) {
                case -1 -> new Check(SSL_REQUEST, Outcome.FAILED, "closed the connection without answering");
                case 'N' -> new Check(SSL_REQUEST, Outcome.PASSED, "answered 'N': no TLS, plain protocol follows");
                case 'S' -> new Check(SSL_REQUEST, Outcome.PASSED, "answered 'S': offers TLS (Drift connects without)");
                default -> new Check(SSL_REQUEST, Outcome.FAILED, "answered " + unexpected(answer, socket.getInputStream())
                        + " instead of 'N' or 'S'");
            };
        } catch (IOException e) {
            return new Check(SSL_REQUEST, Outcome.FAILED, describe(e));
        }
    }

    /** The startup handshake and, on the same connection, SELECT 1. */
    private List<Check> startupAndQuery(ZqliteUrl url) {
        try (Socket socket = connect(url)) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(startupMessage(url));
            out.flush();
            Check startup = startup(in);
            if (startup.outcome() != Outcome.PASSED) {
                return List.of(startup, new Check(SELECT_1, Outcome.NOT_RUN, "the startup handshake did not complete"));
            }
            if (!runQuery) {
                return List.of(startup, new Check(SELECT_1, Outcome.NOT_RUN, "not asked for"));
            }
            Check select = select1(in, out);
            out.write(new byte[] {'X', 0, 0, 0, 4});
            out.flush();
            return List.of(startup, select);
        } catch (IOException e) {
            return List.of(new Check(STARTUP, Outcome.FAILED, describe(e)),
                    new Check(SELECT_1, Outcome.NOT_RUN, "the startup handshake did not complete"));
        }
    }

    private Check startup(DataInputStream in) throws IOException {
        List<String> seen = new ArrayList<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean authenticated = false;
        while (true) {
            BackendMessage message;
            try {
                message = BackendMessage.read(in, STARTUP_TYPES);
            } catch (GarbageException e) {
                return new Check(STARTUP, Outcome.FAILED, afterSeen(seen) + e.getMessage());
            } catch (EOFException e) {
                return new Check(STARTUP, Outcome.FAILED, afterSeen(seen) + "closed the connection");
            } catch (SocketTimeoutException e) {
                return new Check(STARTUP, Outcome.FAILED, afterSeen(seen) + "no answer within " + seconds());
            }
            switch (message.type()) {
                case 'R' -> {
                    int code = message.body().getInt();
                    if (code != 0) {
                        return new Check(STARTUP, Outcome.FAILED, afterSeen(seen) + "asks for "
                                + authentication(code) + "; Drift connects as user \"" + ZqliteStores.USER
                                + "\" without a password");
                    }
                    authenticated = true;
                    seen.add("AuthenticationOk");
                }
                case 'S' -> {
                    String name = cString(message.body());
                    parameters.put(name, cString(message.body()));
                }
                case 'K' -> seen.add("BackendKeyData");
                case 'N' -> seen.add("NoticeResponse");
                case 'E' -> {
                    return new Check(STARTUP, Outcome.FAILED, afterSeen(seen) + "ErrorResponse " + errorFields(message));
                }
                case 'Z' -> {
                    if (!parameters.isEmpty()) {
                        seen.add("ParameterStatus " + parameters.entrySet().stream()
                                .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining(", ")));
                    }
                    seen.add("ReadyForQuery (" + (char) message.body().get() + ")");
                    return authenticated
                            ? new Check(STARTUP, Outcome.PASSED, String.join("; ", seen))
                            : new Check(STARTUP, Outcome.FAILED, "ReadyForQuery without AuthenticationOk: "
                            + String.join("; ", seen));
                }
                default -> {
                    return new Check(STARTUP, Outcome.FAILED, afterSeen(seen) + "sent NegotiateProtocolVersion: "
                            + "it does not speak protocol 3.0 as asked");
                }
            }
        }
    }

    private Check select1(DataInputStream in, OutputStream out) throws IOException {
        byte[] query = "SELECT 1\0".getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(5 + query.length).put((byte) 'Q').putInt(4 + query.length).put(query).array());
        out.flush();
        String value = null;
        String error = null;
        while (true) {
            BackendMessage message;
            try {
                message = BackendMessage.read(in, QUERY_TYPES);
            } catch (GarbageException e) {
                return new Check(SELECT_1, Outcome.FAILED, e.getMessage());
            } catch (EOFException e) {
                return new Check(SELECT_1, Outcome.FAILED, "closed the connection");
            } catch (SocketTimeoutException e) {
                return new Check(SELECT_1, Outcome.FAILED, "no answer within " + seconds());
            }
            switch (message.type()) {
                case 'D' -> value = firstColumn(message.body());
                case 'E' -> error = errorFields(message);
                case 'Z' -> {
                    if (error != null) {
                        return new Check(SELECT_1, Outcome.FAILED, "ErrorResponse " + error);
                    }
                    return "1".equals(value)
                            ? new Check(SELECT_1, Outcome.PASSED, "one row with value 1")
                            : new Check(SELECT_1, Outcome.FAILED, "answered value " + value + " instead of 1");
                }
                default -> {
                    // RowDescription, CommandComplete, notices: expected around the row.
                }
            }
        }
    }

    // --- protocol helpers -----------------------------------------------------------------------

    private static byte[] startupMessage(ZqliteUrl url) {
        ByteArrayOutputStream pairs = new ByteArrayOutputStream();
        for (String part : List.of("user", ZqliteStores.USER, "database", url.database(),
                "application_name", "drift-zqlite-probe")) {
            pairs.writeBytes(part.getBytes(StandardCharsets.UTF_8));
            pairs.write(0);
        }
        pairs.write(0);
        byte[] body = pairs.toByteArray();
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).putInt(PROTOCOL_3).put(body).array();
    }

    /** One backend message: a type byte, a length that counts itself, the body. */
    private record BackendMessage(byte type, ByteBuffer body) {

        /** Reads one message whose type is one of {@code expected}; anything else is garbage. */
        static BackendMessage read(DataInputStream in, String expected) throws IOException {
            int type = in.read();
            if (type == -1) {
                throw new EOFException();
            }
            if (expected.indexOf(type) < 0) {
                throw new GarbageException("answered " + unexpected(type, in)
                        + ", which is not a PostgreSQL backend message");
            }
            int length = in.readInt();
            if (length < 4 || length > MAX_MESSAGE) {
                throw new GarbageException("answered message type '" + (char) type + "' with length " + length
                        + ", which is not a PostgreSQL backend message");
            }
            byte[] body = new byte[length - 4];
            in.readFully(body);
            return new BackendMessage((byte) type, ByteBuffer.wrap(body));
        }
    }

    /** The server sent bytes that cannot be a PostgreSQL message. */
    private static final class GarbageException extends IOException {
        GarbageException(String message) {
            super(message);
        }
    }

    private static String cString(ByteBuffer body) {
        int start = body.position();
        while (body.hasRemaining() && body.get() != 0) {
            // scan to the terminating zero
        }
        int end = body.position() - (body.position() > start && body.get(body.position() - 1) == 0 ? 1 : 0);
        return new String(body.array(), start, end - start, StandardCharsets.UTF_8);
    }

    /** The ErrorResponse's severity, SQLSTATE and message fields. */
    private static String errorFields(BackendMessage message) {
        ByteBuffer body = message.body();
        Map<Character, String> fields = new LinkedHashMap<>();
        while (body.hasRemaining()) {
            byte field = body.get();
            if (field == 0) {
                break;
            }
            fields.put((char) field, cString(body));
        }
        return fields.getOrDefault('S', "?") + " " + fields.getOrDefault('C', "?") + ": "
                + fields.getOrDefault('M', "(no message)");
    }

    private static String firstColumn(ByteBuffer body) {
        if (body.remaining() < 6 || body.getShort() < 1) {
            return null;
        }
        int length = body.getInt();
        if (length < 0 || length > body.remaining()) {
            return null;
        }
        return new String(body.array(), body.position(), length, StandardCharsets.UTF_8);
    }

    private static String authentication(int code) {
        return switch (code) {
            case 2 -> "Kerberos V5 authentication";
            case 3 -> "a cleartext password";
            case 5 -> "an MD5 password";
            case 7 -> "GSSAPI authentication";
            case 9 -> "SSPI authentication";
            case 10 -> "SASL (SCRAM) authentication";
            default -> "authentication method " + code;
        };
    }

    // --- io helpers -----------------------------------------------------------------------------

    private Socket connect(ZqliteUrl url) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(url.host(), url.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static byte[] readUntilClosed(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            int n;
            while (answer.size() < limit && (n = in.read(buffer)) != -1) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            if (answer.size() == 0) {
                throw e;
            }
            // An answer followed by silence (keep-alive despite "Connection: close"): use what arrived.
        }
        return answer.toByteArray();
    }

    /** The unexpected first byte, and whatever else the server sent at once, as printable text. */
    private static String unexpected(int first, InputStream in) throws IOException {
        byte[] more = new byte[Math.min(in.available(), 64)];
        int n = more.length == 0 ? 0 : in.read(more);
        byte[] all = new byte[1 + Math.max(n, 0)];
        all[0] = (byte) first;
        System.arraycopy(more, 0, all, 1, Math.max(n, 0));
        String hint = new String(all, StandardCharsets.US_ASCII).startsWith("HTTP") ? " (an HTTP response)" : "";
        return String.format("byte 0x%02x '%s'%s", first, printable(all), hint);
    }

    private String describe(IOException e) {
        return switch (e) {
            case ConnectException c -> "connection refused";
            case SocketTimeoutException t -> "no answer within " + seconds();
            case UnknownHostException u -> "unknown host " + u.getMessage();
            default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    private static String afterSeen(List<String> seen) {
        return seen.isEmpty() ? "" : "after " + String.join("; ", seen) + ": ";
    }

    /** Bytes as text for a report: non-printable characters as {@code \xNN}, at most a line's worth. */
    static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            if (text.length() >= MAX_DETAIL) {
                return text.append("...").toString();
            }
            int c = b & 0xFF;
            text.append(c >= 0x20 && c < 0x7F && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return text.toString();
    }

    /** The status and body of a raw HTTP/1.x response (a chunked body is decoded). */
    private record HttpAnswer(int status, byte[] body) {

        static HttpAnswer parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            if (!text.matches("(?s)HTTP/1\\.[01] \\d{3}.*")) {
                return null;
            }
            int status = Integer.parseInt(text.substring(9, 12));
            int headerEnd = text.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                return new HttpAnswer(status, new byte[0]);
            }
            String headers = text.substring(0, headerEnd).toLowerCase();
            String body = text.substring(headerEnd + 4);
            if (headers.contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new HttpAnswer(status, body.getBytes(StandardCharsets.ISO_8859_1));
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int lineEnd = chunked.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                int size;
                try {
                    size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
                } catch (NumberFormatException e) {
                    break;
                }
                if (size == 0 || lineEnd + 2 + size > chunked.length()) {
                    break;
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            return body.toString();
        }
    }
}
