package dev.drift.ops.registry.store.zqlite;

import com.zaxxer.hikari.HikariConfig;
import dev.drift.ops.config.ZqliteConfig;
import dev.drift.ops.registry.store.StoreUnavailableException;
import dev.drift.ops.registry.store.sql.SqlMetadataStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens the metadata store on a ZQLite server, with pgjdbc as the wire-protocol client.
 *
 * <p>What the connection sends, all in the PostgreSQL StartupMessage (no SQL is run to set anything):
 * <ul>
 *   <li>{@code user=drift}, {@code database=<the URL's db>}, {@code application_name=drift};</li>
 *   <li>{@code options}: the {@code [database.zqlite]} settings as PostgreSQL-style run-time options,
 *       {@code -c zqlite.enable_encryption=on|off -c zqlite.enable_signatures=on|off -c zqlite.enable_zkp=on|off},
 *       plus {@code -c zqlite.encryption_key=<key>} when encryption is on. The key travels only there: never in
 *       a URL, a log line or an exception message.</li>
 * </ul>
 * TLS is off ({@code sslmode=disable}): the seed's ZQLite offers none, and pgjdbc's default of asking first costs
 * a round trip that a server without the SSLRequest may answer by closing the connection.
 */
public final class ZqliteStores {

    /** ZQLite has no users in the seed; PostgreSQL's startup message requires one. */
    static final String USER = "drift";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    private static final int POOL_SIZE = 4;

    private ZqliteStores() {
    }

    /**
     * Connects to the ZQLite server at {@code zqliteUrl}, brings its schema up to date and returns the store.
     *
     * @throws IllegalArgumentException if the URL or the options are invalid (the message never holds the key)
     * @throws StoreUnavailableException if the server cannot be used; the message says what a probe of it found
     */
    public static SqlMetadataStore open(String zqliteUrl, ZqliteConfig options) {
        ZqliteUrl url = ZqliteUrl.parse(zqliteUrl);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("drift-zqlite");
        pool.setDataSource(dataSource(url, options));
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setConnectionTimeout(CONNECT_TIMEOUT.plusSeconds(5).toMillis());
        try {
            return SqlMetadataStore.open(pool, new ZqliteDialect());
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException(e.getMessage() + "; " + ZqliteProbe.probe(url).summary(), e);
        }
    }

    /** Connections to the server, each sending plain SQLite SQL (see {@link InlinedParametersDataSource}). */
    public static DataSource dataSource(ZqliteUrl url, ZqliteConfig options) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setServerNames(new String[] {url.host()});
        pg.setPortNumbers(new int[] {url.port()});
        pg.setDatabaseName(url.database());
        connectionProperties(options).forEach((name, value) -> {
            try {
                pg.setProperty(name, value);
            } catch (java.sql.SQLException e) {
                // Names come from the fixed list below; pgjdbc knows them all.
                throw new IllegalStateException("pgjdbc does not know the property " + name, e);
            }
        });
        return new InlinedParametersDataSource(pg);
    }

    /** pgjdbc's connection properties for ZQLite (values may hold the encryption key: never print them). */
    static Map<String, String> connectionProperties(ZqliteConfig options) {
        Map<String, String> properties = new TreeMap<>();
        properties.put("user", USER);
        properties.put("ApplicationName", "drift");
        // One Query message per statement; the parameters are already inlined (InlinedParametersDataSource).
        properties.put("preferQueryMode", "simple");
        // Puts application_name and extra_float_digits into the startup message instead of running SET later.
        properties.put("assumeMinServerVersion", "9.4");
        properties.put("sslmode", "disable");
        properties.put("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        properties.put("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        properties.put("options", startupOptions(options));
        return properties;
    }

    /**
     * The {@code [database.zqlite]} settings as the StartupMessage's {@code options} value.
     *
     * @throws IllegalArgumentException if encryption is on and the key is not exactly 32 bytes of UTF-8
     */
    static String startupOptions(ZqliteConfig options) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("zqlite.enable_encryption", onOff(options.enableEncryption()));
        settings.put("zqlite.enable_signatures", onOff(options.enableSignatures()));
        settings.put("zqlite.enable_zkp", onOff(options.enableZkp()));
        if (options.enableEncryption()) {
            String key = options.encryptionKey().reveal();
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes != ZqliteConfig.ENCRYPTION_KEY_BYTES) {
                throw new IllegalArgumentException("[database.zqlite] encryption_key must be exactly "
                        + ZqliteConfig.ENCRYPTION_KEY_BYTES + " bytes (UTF-8) when enable_encryption = true, got "
                        + bytes);
            }
            settings.put("zqlite.encryption_key", key);
        }
        return settings.entrySet().stream()
                .map(setting -> "-c " + setting.getKey() + "=" + escapeOption(setting.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }

    /** PostgreSQL splits {@code options} at spaces unless a backslash escapes them (and escapes itself). */
    private static String escapeOption(String value) {
        return value.replace("\\", "\\\\").replace(" ", "\\ ");
    }
}
