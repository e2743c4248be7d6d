package dev.drift.ops.registry.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 connection driven by hand, for what {@code java.net.http} hides: a response that arrives while the
 * body is still being sent, whether the server keeps the connection for the next request, and how it closes it
 * (a FIN the client reads as end of stream, or a reset).
 */
final class RawConnection implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawConnection open(URI server) throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return new RawConnection(socket);
    }

    /** A request head: the request line and headers (each without its CRLF), then the empty line. */
    static byte[] head(String requestLine, String... headers) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n").append("Host: drift\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Half-closes: the server reads end of stream where it expects more body. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * The response, when its first byte arrives within {@code wait}; empty when the server has not answered by then
     * (it is still waiting for the body, say). Not an assertion on time: a test uses it to send the rest either way.
     */
    Optional<Response> responseWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            in.mark(1);
            if (in.read() == -1) {
                throw new EOFException("the server closed the connection without a response");
            }
            in.reset();
        } catch (SocketTimeoutException nothingYet) {
            return Optional.empty();
        } finally {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        }
        return Optional.of(response());
    }

    /** Reads one response: status line, headers and a Content-Length body. */
    Response response() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new EOFException("the server closed the connection without a response");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    /** The next {@code length} bytes the server sends, e.g. the start of a response read no further. */
    byte[] read(int length) throws IOException {
        return in.readNBytes(length);
    }

    /** True when the server closed its side cleanly: end of stream, not a reset, with nothing else sent first. */
    boolean endsCleanly() throws IOException {
        return in.read() == -1;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(int status, Map<String, String> headers, byte[] body) {

        boolean closesConnection() {
            return headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("close");
        }

        String text() {
            return status + " " + headers + " " + new String(body, StandardCharsets.UTF_8);
        }
    }
}
