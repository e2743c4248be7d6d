package dev.drift.ops.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.drift.ops.registry.RunningRegistry;

/**
 * Thousands of idle keep-alive connections must not starve real requests: Jetty parks idle sockets on
 * its selector and runs handlers on virtual threads, so no thread is held per connection.
 */
class IdleConnectionsIT {

    private static final int IDLE_CONNECTIONS = 2_000;

    @TempDir
    Path dataDir;

    @Test
    void requestsAreServedWhileThousandsOfConnectionsIdle() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(dataDir, "", Map.of("DRIFT_SERVER_MAX_CONNECTIONS", "5000"))) {
            List<Socket> idle = new ArrayList<>();
            try {
                InetSocketAddress address = new InetSocketAddress("127.0.0.1", registry.uri("/").getPort());
                for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                    Socket socket = new Socket();
                    socket.connect(address, 5_000);
                    idle.add(socket);
                }
                // Half of them have started a request and stalled mid-headers, holding their exchange open.
                for (int i = 0; i < IDLE_CONNECTIONS; i += 2) {
                    idle.get(i).getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes());
                }
                assertThat(registry.get("/health").statusCode()).isEqualTo(200);
                assertThat(registry.get("/v2/").statusCode()).isEqualTo(200);
            } finally {
                for (Socket socket : idle) {
                    closeQuietly(socket);
                }
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing test sockets; nothing to recover
        }
    }
}
