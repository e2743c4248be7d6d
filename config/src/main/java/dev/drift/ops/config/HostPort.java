package dev.drift.ops.config;

/**
 * A {@code host:port} listen address; IPv6 hosts are written in brackets, {@code [::1]:5000}. Port 0 asks
 * the operating system for any free port (tests and tools that read the bound port back use it).
 */
record HostPort(String host, int port) {

    /** Throws {@link IllegalArgumentException} with a message that says what is wrong with {@code text}. */
    static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("must be host:port, got \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("must be host:port (IPv6 hosts in brackets), got \"" + text + "\"");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("must be host:port with a host, got \"" + text + "\"");
        }
        return new HostPort(host, parsePort(text, text.substring(colon + 1)));
    }

    private static int parsePort(String text, String port) {
        if (!port.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("must be host:port with a numeric port, got \"" + text + "\"");
        }
        int value = Integer.parseInt(port);
        if (value > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got \"" + text + "\"");
        }
        return value;
    }
}
