package dev.drift.ops.config;

import java.util.Objects;

/** {@code [server]}: where the registry API and the UI listen, and how much they take on. */
public record ServerConfig(String bindAddr, String uiAddr, int workers, int maxConnections) {

    public ServerConfig {
        Objects.requireNonNull(bindAddr, "bindAddr");
        Objects.requireNonNull(uiAddr, "uiAddr");
    }

    /** The host part of {@link #bindAddr()}, without IPv6 brackets. */
    public String host() {
        return HostPort.parse(bindAddr).host();
    }

    /** The port part of {@link #bindAddr()}. */
    public int port() {
        return HostPort.parse(bindAddr).port();
    }
}
