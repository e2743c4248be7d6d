package dev.drift.ops.cli.provision;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.drift.ops.cli.SecureFiles;
import dev.drift.ops.config.BasicUser;
import dev.drift.ops.config.Secret;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The basic-auth login of one local Drift: made once per data directory with a random password,
 * kept in a 0600 file, so a second {@code up} on the same data keeps the same login. Only the
 * bcrypt hash goes into drift.toml.
 */
public record Credentials(String user, Secret password) {

    public static final String DEFAULT_USER = "drift";
    private static final int BCRYPT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The credentials stored in {@code file}, created first when the file does not exist. */
    public static Credentials loadOrCreate(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return load(file);
        }
        Credentials created = new Credentials(DEFAULT_USER, randomSecret());
        Properties properties = new Properties();
        properties.setProperty("user", created.user());
        properties.setProperty("password", created.password().reveal());
        StringWriter text = new StringWriter();
        properties.store(text, "Drift basic-auth login written by drift-ops up");
        SecureFiles.writeOwnerOnly(file, text.toString());
        return created;
    }

    public static Credentials load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        String user = properties.getProperty("user");
        String password = properties.getProperty("password");
        if (user == null || password == null || user.isBlank() || password.isEmpty()) {
            throw new IOException(file + ": needs \"user\" and \"password\" lines");
        }
        return new Credentials(user, Secret.of(password));
    }

    /** A fresh random secret of 32 URL-safe characters (192 bits). */
    public static Secret randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * The entry of {@code existing} for this user whose hash matches the password, else a new one.
     * A bcrypt hash is salted afresh each time; reusing a matching one keeps a re-rendered
     * drift.toml byte for byte the same, which the docker target relies on to leave a container be.
     */
    public String bcryptEntry(List<BasicUser> existing) {
        return existing.stream()
                .filter(entry -> entry.name().equals(user) && entry.isBcrypt())
                .filter(entry -> BCrypt.verifyer().verify(password.reveal().toCharArray(),
                        entry.secret().reveal().toCharArray()).verified)
                .map(entry -> user + ":" + entry.secret().reveal())
                .findFirst()
                .orElseGet(this::bcryptEntry);
    }

    /** The {@code [auth.basic] users} entry: the user and a bcrypt hash of the password. */
    public String bcryptEntry() {
        return user + ":" + BCrypt.withDefaults().hashToString(BCRYPT_COST, password.reveal().toCharArray());
    }
}
