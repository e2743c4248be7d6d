package dev.drift.ops.config;

import static dev.drift.ops.config.ConfigErrors.namesKeyAndLine;
import static dev.drift.ops.config.ConfigErrors.parseError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    /** Salt and checksum of a real bcrypt hash (22 + 31 characters of bcrypt's base64). */
    private static final String WELL_FORMED_HASH_TAIL = "R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";

    @Test
    void unknownKeyNamesKeyAndLine() {
        ConfigException error = parseError("""
                [server]
                bind_addr = "0.0.0.0:5000"
                wrkers = 4
                """);
        assertThat(error).satisfies(namesKeyAndLine("server.wrkers", 3));
        assertThat(error.getMessage()).contains("unknown key");
    }

    @Test
    void unknownSectionNamesSectionAndLine() {
        ConfigException error = parseError("""
                [server]
                workers = 4

                [cache]
                size = 10
                """);
        assertThat(error.key()).isEqualTo("cache");
        assertThat(error.line()).isEqualTo(4);
        assertThat(error.getMessage()).isEqualTo("drift.toml:4: [cache]: unknown section");
    }

    @Test
    void unknownNestedSectionIsAnError() {
        ConfigException error = parseError("""
                [database]
                backend = "sqlite"
                [database.mysql]
                url = "x"
                """);
        assertThat(error.key()).isEqualTo("database.mysql");
        assertThat(error.line()).isEqualTo(3);
    }

    @Test
    void keyOutsideAnySectionIsUnknown() {
        ConfigException error = parseError("workers = 4\n");
        assertThat(error.key()).isEqualTo("workers");
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.getMessage()).contains("unknown key");
    }

    @Test
    void sectionGivenAsValueIsAnError() {
        ConfigException error = parseError("server = 4\n");
        assertThat(error.key()).isEqualTo("server");
        assertThat(error.getMessage()).contains("must be a table");
    }

    @Test
    void wrongTypeNamesExpectedAndActualType() {
        ConfigException error = parseError("""
                [server]
                workers = "four"
                """);
        assertThat(error).satisfies(namesKeyAndLine("server.workers", 2));
        assertThat(error.getMessage()).contains("expected an integer, got a string");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[metrics]\\nenabled = \"yes\"|metrics.enabled|expected a boolean",
            "[registry]\\nmax_upload_size_mb = 1.5|registry.max_upload_size_mb|got a float",
            "[registry]\\nimmutable_tags = \"prod\"|registry.immutable_tags|expected an array of strings",
            "[registry]\\nimmutable_tags = [\"prod\", 7]|registry.immutable_tags|an array with non-string elements",
            "[database]\\nbackend = 1979-05-27|database.backend|got a date/time",
            "[ghostbay]\\nmax_object_size_gb = \"big\"|ghostbay.max_object_size_gb|expected an integer"})
    void wrongTypesAreErrors(String toml, String key, String detail) {
        ConfigException error = parseError(toml.replace("\\n", "\n"));
        assertThat(error).satisfies(namesKeyAndLine(key, 2));
        assertThat(error.getMessage()).contains(detail);
    }

    @Test
    void wrongTypeOfSecretDoesNotEchoIt() {
        ConfigException error = parseError("""
                [auth]
                jwt_secret = ["hunter2-secret"]
                """);
        assertThat(error).satisfies(namesKeyAndLine("auth.jwt_secret", 2));
        assertThat(error.getMessage()).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "auth|mode|ldap",
            "database|backend|mysql",
            "logging|level|verbose",
            "logging|format|xml",
            "storage|backend|ghostbay"})
    void enumValuesAreChecked(String section, String key, String value) {
        ConfigException error = parseError("[" + section + "]\n" + key + " = \"" + value + "\"\n");
        assertThat(error).satisfies(namesKeyAndLine(section + "." + key, 2));
        assertThat(error.getMessage()).contains("must be one of").contains("\"" + value + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"6", "6 h", "-1h", "0h", "1w", "1.5h"})
    void aGcIntervalWithoutAUnitOrWithAnOddOneIsAnError(String interval) {
        ConfigException error = parseError("[registry]\ngc_interval = \"" + interval + "\"\n");
        assertThat(error).satisfies(namesKeyAndLine("registry.gc_interval", 2));
        assertThat(error.getMessage()).contains("e.g. \"6h\"");
    }

    @ParameterizedTest
    @CsvSource({"0,PT0S", "90s,PT1M30S", "30m,PT30M", "6h,PT6H", "1d,PT24H", "120m,PT2H"})
    void aGcIntervalReadsAndRendersBack(String interval, java.time.Duration expected) throws ConfigException {
        DriftConfig config = config("[registry]\ngc_interval = \"" + interval + "\"\n");
        assertThat(config.registry().gcInterval()).isEqualTo(expected);
        assertThat(config("[registry]\ngc_interval = \"" + GcInterval.format(expected) + "\"\n").registry().gcInterval())
                .isEqualTo(expected);
    }

    private static final String S3_STORAGE = """
            [storage]
            backend = "s3"

            [storage.s3]
            endpoint = "http://127.0.0.1:8333"
            bucket = "blobs"
            path_style = true
            prefix = "drift/"
            access_key = "AKIDEXAMPLE"
            secret_key = "s3-secret-value"
            ca_file = "/etc/drift/ca.pem"
            """;

    @Test
    void s3StorageReadsItsSection() throws ConfigException {
        S3Config s3 = config(S3_STORAGE).storage().s3();

        assertThat(s3).isEqualTo(new S3Config("http://127.0.0.1:8333", "us-east-1", "blobs", true, "drift/",
                Secret.of("AKIDEXAMPLE"), Secret.of("s3-secret-value"), "/etc/drift/ca.pem", false));
        assertThat(config(S3_STORAGE).renderRedacted()).contains("[storage.s3]", "bucket = \"blobs\"")
                .doesNotContain("AKIDEXAMPLE", "s3-secret-value");
        assertThat(s3.toString()).doesNotContain("AKIDEXAMPLE", "s3-secret-value");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"endpoint|storage.s3.endpoint", "bucket|storage.s3.bucket"})
    void s3StorageWithoutEndpointOrBucketIsRefusedNamingTheKey(String missing, String dotted) {
        String toml = S3_STORAGE.lines().filter(line -> !line.startsWith(missing + " "))
                .collect(java.util.stream.Collectors.joining("\n"));

        ConfigException error = parseError(toml);

        assertThat(error.getMessage()).contains(dotted.substring(dotted.lastIndexOf('.') + 1))
                .contains("[storage.s3]").contains("required when backend = \"s3\"")
                .doesNotContain("s3-secret-value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8333", "s3.example", "ftp://s3.example"})
    void s3EndpointMustBeAnHttpUrl(String endpoint) {
        ConfigException error = parseError(S3_STORAGE.replace("http://127.0.0.1:8333", endpoint));

        assertThat(error).satisfies(namesKeyAndLine("storage.s3.endpoint", 5));
    }

    @Test
    void s3AccessKeyWithoutSecretKeyIsRefused() {
        ConfigException error = parseError(S3_STORAGE.replace("secret_key = \"s3-secret-value\"\n", ""));

        assertThat(error.getMessage()).contains("access_key and secret_key go together");
    }

    @Test
    void s3RedirectIsReadAndNeedsKeysToSignWith() throws ConfigException {
        assertThat(config(S3_STORAGE + "redirect = true\n").storage().s3().redirect()).isTrue();

        String anonymous = S3_STORAGE.replace("access_key = \"AKIDEXAMPLE\"\n", "")
                .replace("secret_key = \"s3-secret-value\"\n", "");
        ConfigException error = parseError(anonymous + "redirect = true\n");
        assertThat(error).satisfies(namesKeyAndLine("storage.s3.redirect", 10));
        assertThat(error.getMessage()).contains("needs access_key and secret_key");
    }

    @Test
    void s3SecretKeyComesFromAFileNamedInTheEnvironment(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("secret_key"), "from-a-file\n");

        DriftConfig config = DriftConfig.parse(S3_STORAGE.replace("secret_key = \"s3-secret-value\"\n", ""),
                "drift.toml", java.util.Map.of("DRIFT_STORAGE_S3_SECRET_KEY_FILE", file.toString()));

        assertThat(config.storage().s3().secretKey().reveal()).isEqualTo("from-a-file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.0.0.0:99999", "0.0.0.0:65536", ":5000", "host:http", "::1:5000"})
    void bindAddrMustBeHostAndPort(String addr) {
        ConfigException error = parseError("[server]\n\nbind_addr = \"" + addr + "\"\n");
        assertThat(error).satisfies(namesKeyAndLine("server.bind_addr", 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:0", "127.0.0.1:1", "localhost:65535", "[::1]:5000"})
    void validBindAddrsParse(String addr) throws ConfigException {
        DriftConfig config = DriftConfig.parse("[server]\nbind_addr = \"" + addr + "\"\n", "drift.toml",
                java.util.Map.of());
        assertThat(config.server().bindAddr()).isEqualTo(addr);
    }

    @Test
    void uiAddrIsCheckedToo() {
        assertThat(parseError("[server]\nui_addr = \"nowhere\"\n")).satisfies(namesKeyAndLine("server.ui_addr", 2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "server|workers|0",
            "server|max_connections|0",
            "auth|token_expiry_hours|0",
            "registry|max_upload_size_mb|0",
            "registry|rate_limit_per_hour|-1",
            "registry|min_age_days|-1",
            "server|workers|2147483648"})
    void integersOutOfRangeAreErrors(String section, String key, String value) {
        ConfigException error = parseError("[" + section + "]\n" + key + " = " + value + "\n");
        assertThat(error).satisfies(namesKeyAndLine(section + "." + key, 2));
        assertThat(error.getMessage()).contains("must be");
    }

    @Test
    void postgresUrlWithWrongSchemeIsAnErrorWithoutThePassword() {
        ConfigException error = parseError("""
                [database]
                backend = "postgres"
                postgres_url = "mysql://drift:s3cretpw@db:3306/drift"
                """);
        assertThat(error).satisfies(namesKeyAndLine("database.postgres_url", 3));
        assertThat(error.getMessage()).contains("postgres://").doesNotContain("s3cretpw");
    }

    @Test
    void postgresUrlWithoutHostIsAnError() {
        ConfigException error = parseError("""
                [database]
                backend = "postgres"
                postgres_url = "postgresql:///drift?password=s3cretpw"
                """);
        assertThat(error).satisfies(namesKeyAndLine("database.postgres_url", 3));
        assertThat(error.getMessage()).doesNotContain("s3cretpw");
    }

    @Test
    void unparseablePostgresUrlIsHiddenEntirely() {
        ConfigException error = parseError("""
                [database]
                postgres_url = "postgres://drift:pa ss@word@db/drift"
                """);
        assertThat(error).satisfies(namesKeyAndLine("database.postgres_url", 2));
        assertThat(error.getMessage()).doesNotContain("pa ss").doesNotContain("word@db");
    }

    @Test
    void postgresBackendRequiresUrlAndPointsAtTheBackendLine() {
        ConfigException error = parseError("""
                [database]

                backend = "postgres"
                """);
        assertThat(error).satisfies(namesKeyAndLine("database.postgres_url", 3));
        assertThat(error.getMessage()).contains("required when backend = \"postgres\"");
    }

    @Test
    void zqliteUrlMustMatchItsBackend() {
        ConfigException error = parseError("""
                [database]
                backend = "zqlite"
                zqlite_url = "postgres://drift@zqlite:5433/drift"
                """);
        assertThat(error).satisfies(namesKeyAndLine("database.zqlite_url", 3));
        assertThat(error.getMessage()).contains("zqlite://host:port/db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zqlite://zqlite/drift", "zqlite://zqlite:5433", "zqlite://zqlite:5433/",
            "zqlite://zqlite:5433/a/b", "zqlite://:5433/drift", "zqlite://u:p@zqlite:5433/drift"})
    void malformedZqliteUrlsAreErrors(String url) {
        ConfigException error = parseError("[database]\nzqlite_url = \"" + url + "\"\n");
        assertThat(error).satisfies(namesKeyAndLine("database.zqlite_url", 2));
    }

    @Test
    void zqliteBackendRequiresUrl() {
        ConfigException error = parseError("[database]\nbackend = \"zqlite\"\n");
        assertThat(error).satisfies(namesKeyAndLine("database.zqlite_url", 2));
        assertThat(error.getMessage()).contains("required when backend = \"zqlite\"");
    }

    @Test
    void sqliteBackendRequiresPath() {
        ConfigException error = parseError("[database]\nsqlite_path = \"\"\n");
        assertThat(error).satisfies(namesKeyAndLine("database.sqlite_path", 2));
    }

    @Test
    void encryptionKeyOf31BytesIsAnErrorThatHidesTheKey() {
        String key = "0123456789abcdef0123456789abcde";
        assertThat(key).hasSize(31);
        ConfigException error = parseError("""
                [database]
                backend = "zqlite"
                zqlite_url = "zqlite://zqlite:5433/drift"

                [database.zqlite]
                enable_encryption = true
                encryption_key = "%s"
                """.formatted(key));
        assertThat(error).satisfies(namesKeyAndLine("database.zqlite.encryption_key", 7));
        assertThat(error.getMessage()).contains("exactly 32 bytes").doesNotContain(key);
    }

    @Test
    void encryptionKeyLengthCountsUtf8Bytes() {
        // 16 two-byte characters: 16 chars, 32 bytes.
        String key = "é".repeat(16);
        ConfigException error = parseError("[database.zqlite]\nenable_encryption = true\nencryption_key = \""
                + "é".repeat(31) + "\"\n");
        assertThat(error.getMessage()).contains("got 62");
        assertThat(config("[database.zqlite]\nenable_encryption = true\nencryption_key = \"" + key + "\"\n")
                .database().zqlite().encryptionKey().reveal()).isEqualTo(key);
    }

    @Test
    void encryptionWithoutKeyPointsAtEnableEncryption() {
        ConfigException error = parseError("[database.zqlite]\n\nenable_encryption = true\n");
        assertThat(error).satisfies(namesKeyAndLine("database.zqlite.encryption_key", 3));
    }

    @Test
    void keyIsNotCheckedWhileEncryptionIsOff() {
        assertThat(config("[database.zqlite]\nencryption_key = \"short\"\n").database().zqlite().enableEncryption())
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "admin|no colon",
            ":hunter2pw|non-empty name",
            "admin:|empty secret"})
    void malformedUserEntriesNameTheirLine(String entry, String detail) {
        ConfigException error = errorWithSecondUser(entry);
        assertThat(error).satisfies(namesKeyAndLine("auth.basic.users", 6));
        assertThat(error.getMessage()).contains("entry 2").contains(detail).doesNotContain("hunter2pw");
    }

    /** A bcrypt hash the server cannot verify would lock its user out for good, so start refuses it. */
    @ParameterizedTest
    @ValueSource(strings = {
            "$2b$12$abcdefghijklmnopqrstuv",
            "$2b$12$" + WELL_FORMED_HASH_TAIL + "x",
            "$2a$99$" + WELL_FORMED_HASH_TAIL,
            "$2y$1$" + WELL_FORMED_HASH_TAIL,
            "$2b$12$" + "R9h-cIPz0gi-URNNX3kh2OPST9-PgBkqquzi-Ss7KIUgO2t0jWMUW"})
    void malformedBcryptHashNamesItsUserAndLine(String hash) {
        ConfigException error = errorWithSecondUser("admin:" + hash);
        assertThat(error).satisfies(namesKeyAndLine("auth.basic.users", 6));
        assertThat(error.getMessage()).contains("'admin'").contains("bcrypt").doesNotContain(hash);
    }

    /** The error for a basic-mode config whose users are a well-formed "ci" on line 5 and {@code entry} on line 6. */
    private static ConfigException errorWithSecondUser(String entry) {
        return parseError("""
                [auth]
                mode = "basic"
                [auth.basic]
                users = [
                    "ci:$2b$12$%s",
                    "%s",
                ]
                """.formatted(WELL_FORMED_HASH_TAIL, entry));
    }

    @Test
    void duplicateUserNamesAreAnError() {
        ConfigException error = parseError("""
                [auth.basic]
                users = ["admin:firstpw1",
                         "admin:secondpw2"]
                """);
        assertThat(error).satisfies(namesKeyAndLine("auth.basic.users", 3));
        assertThat(error.getMessage()).contains("'admin'").doesNotContain("firstpw1").doesNotContain("secondpw2");
    }

    @Test
    void basicModeWithoutUsersIsAnError() {
        ConfigException error = parseError("[auth]\nmode = \"basic\"\n");
        assertThat(error).satisfies(namesKeyAndLine("auth.basic.users", 2));
        assertThat(error.getMessage()).contains("at least one user");
    }

    @Test
    void tokenModeWithoutJwtSecretIsAnError() {
        ConfigException error = parseError("[auth]\nmode = \"token\"\n");
        assertThat(error).satisfies(namesKeyAndLine("auth.jwt_secret", 2));
    }

    @Test
    void metricsEndpointMustStartWithSlash() {
        ConfigException error = parseError("[metrics]\nendpoint = \"metrics\"\n");
        assertThat(error).satisfies(namesKeyAndLine("metrics.endpoint", 2));
    }

    @Test
    void boltRegistryUrlMustBeHttp() {
        assertThat(parseError("[bolt]\nregistry_url = \"ftp://x\"\n"))
                .satisfies(namesKeyAndLine("bolt.registry_url", 2));
        assertThat(config("[bolt]\nregistry_url = \"http://localhost:5000\"\n").bolt().registryUrl())
                .isEqualTo("http://localhost:5000");
    }

    @Test
    void emptyImmutableTagIsAnError() {
        assertThat(parseError("[registry]\nimmutable_tags = [\n  \"prod\",\n  \" \",\n]\n"))
                .satisfies(namesKeyAndLine("registry.immutable_tags", 4));
    }

    @Test
    void syntaxErrorNamesLineWithoutEchoingInput() {
        ConfigException error = parseError("""
                [auth]
                mode = "token"
                jwt_secret = "abc" hunter2secret
                """);
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.getMessage()).startsWith("drift.toml:3: syntax error").doesNotContain("hunter2");
    }

    @Test
    void duplicateKeysAreSyntaxErrors() {
        ConfigException error = parseError("[server]\nworkers = 1\nworkers = 2\n");
        assertThat(error.line()).isEqualTo(3);
    }

    private static DriftConfig config(String toml) {
        try {
            return DriftConfig.parse(toml, "drift.toml", java.util.Map.of());
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
