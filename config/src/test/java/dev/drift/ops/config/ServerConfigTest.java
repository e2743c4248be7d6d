package dev.drift.ops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void splitsHostAndPort() {
        ServerConfig server = new ServerConfig("127.0.0.1:6000", "0.0.0.0:5001", 1, 1);
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isEqualTo(6000);
    }

    @Test
    void ipv6HostLosesItsBrackets() {
        ServerConfig server = new ServerConfig("[::1]:5000", "0.0.0.0:5001", 1, 1);
        assertThat(server.host()).isEqualTo("::1");
        assertThat(server.port()).isEqualTo(5000);
    }

    @Test
    void databaseBackendIds() {
        assertThat(DatabaseBackend.fromId("zqlite")).isEqualTo(DatabaseBackend.ZQLITE);
        assertThat(DatabaseBackend.POSTGRES.id()).isEqualTo("postgres");
        assertThatThrownBy(() -> DatabaseBackend.fromId("mysql"))
                .hasMessage("must be one of sqlite, postgres, zqlite, got \"mysql\"");
    }

    @Test
    void bcryptPrefixes() {
        assertThat(BasicUser.parse("a:$2a$10$x").isBcrypt()).isTrue();
        assertThat(BasicUser.parse("a:$2b$10$x").isBcrypt()).isTrue();
        assertThat(BasicUser.parse("a:$2y$10$x").isBcrypt()).isTrue();
        assertThat(BasicUser.parse("a:$2x$10$x").isBcrypt()).isFalse();
        assertThat(BasicUser.parse("a:b:c").secret().reveal()).isEqualTo("b:c");
    }
}
