package dev.drift.ops.registry.store.zqlite;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tiny socket servers on 127.0.0.1 that answer a ZQLite probe wrongly, not at all, or by the book: test doubles
 * for the probe's tests only. They are not ZQLite and stand in for it nowhere else.
 */
final class BrokenServerDoubles {

    private BrokenServerDoubles() {
    }

    /** What the double does with one accepted connection. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Socket client) throws IOException;
    }

    /** A double listening on a free port until closed. */
    static final class Double implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> clients = new CopyOnWriteArrayList<>();

        private Double(Behaviour behaviour) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        clients.add(client);
                        Thread.ofVirtual().start(() -> {
                            try (client) {
                                behaviour.serve(client);
                            } catch (IOException e) {
                                // the probe hung up or the double was closed: nothing to do
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        ZqliteUrl url() {
            return new ZqliteUrl("127.0.0.1", server.getLocalPort(), "drift");
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket client : clients) {
                client.close();
            }
        }
    }

    /** A port nothing listens on (bound once to find it free, then released): connections are refused. */
    static ZqliteUrl refusingUrl() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new ZqliteUrl("127.0.0.1", probe.getLocalPort(), "drift");
        }
    }

    /** Accepts connections and never sends a byte. */
    static Double silent() throws IOException {
        return new Double(client -> client.getInputStream().transferTo(OutputStream.nullOutputStream()));
    }

    /** Answers whatever arrives with an HTTP 500 and closes. */
    static Double answeringHttp500() throws IOException {
        return new Double(client -> {
            client.getInputStream().read(new byte[1024]);
            write(client, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 13\r\nConnection: close\r\n\r\n"
                    + "database down");
        });
    }

    /** Answers whatever arrives with text that is neither HTTP nor the PostgreSQL protocol. */
    static Double answeringGarbage() throws IOException {
        return new Double(client -> {
            client.getInputStream().read(new byte[1024]);
            write(client, "hello? this is not a database\n");
        });
    }

    /** Serves /health, then asks for a cleartext password at startup, as a PostgreSQL with password auth does. */
    static Double askingForAPassword() throws IOException {
        return new Double(client -> {
            DataInputStream in = new DataInputStream(client.getInputStream());
            byte[] head = new byte[8];
            in.readFully(head);
            if (isHttp(head)) {
                write(client, httpOk());
                return;
            }
            int code = ByteBuffer.wrap(head, 4, 4).getInt();
            if (code == 80877103) {
                client.getOutputStream().write('N');
                return;
            }
            in.readNBytes(ByteBuffer.wrap(head).getInt() - 8);
            client.getOutputStream().write(message('R', ByteBuffer.allocate(4).putInt(3).array()));
            in.read();
        });
    }

    /**
     * Answers like a PostgreSQL-protocol server that needs no password: /health 200, SSLRequest 'N', a complete
     * startup and SELECT 1. It checks the probe's reading of a correct exchange; it is no database.
     */
    static Double answeringByTheProtocol() throws IOException {
        return new Double(client -> {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            byte[] head = new byte[8];
            in.readFully(head);
            if (isHttp(head)) {
                write(client, httpOk());
                return;
            }
            if (ByteBuffer.wrap(head, 4, 4).getInt() == 80877103) {
                out.write('N');
                return;
            }
            in.readNBytes(ByteBuffer.wrap(head).getInt() - 8);
            out.write(message('R', ByteBuffer.allocate(4).putInt(0).array()));
            out.write(message('S', "server_version\0" + "16.0\0"));
            out.write(message('S', "client_encoding\0" + "UTF8\0"));
            out.write(message('K', ByteBuffer.allocate(8).putInt(1).putInt(2).array()));
            out.write(message('Z', "I"));
            int type = in.read();
            if (type != 'Q') {
                return;
            }
            in.readNBytes(in.readInt() - 4);
            out.write(message('T', ByteBuffer.allocate(2 + 9 + 18).putShort((short) 1)
                    .put("?column?\0".getBytes(StandardCharsets.US_ASCII))
                    .putInt(0).putShort((short) 0).putInt(23).putShort((short) 4).putInt(-1).putShort((short) 0)
                    .array()));
            out.write(message('D', ByteBuffer.allocate(2 + 4 + 1).putShort((short) 1).putInt(1)
                    .put((byte) '1').array()));
            out.write(message('C', "SELECT 1\0"));
            out.write(message('Z', "I"));
            out.flush();
            in.read();
        });
    }

    private static boolean isHttp(byte[] head) {
        return new String(head, StandardCharsets.US_ASCII).startsWith("GET ");
    }

    private static String httpOk() {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK";
    }

    private static byte[] message(char type, String body) {
        return message(type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] message(char type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body).array();
    }

    private static void write(Socket client, String text) throws IOException {
        client.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
    }
}
