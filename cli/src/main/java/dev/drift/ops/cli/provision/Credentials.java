package dev.drift.ops.cli.provision;

import dev.drift.ops.cli.SecureFiles;
import dev.drift.ops.config.BasicUser;
import dev.drift.ops.config.Secret;
import dev.drift.ops.deploy.Login;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The basic-auth login of one local Drift: made once per data directory with a random password,
 * kept in a 0600 file, so a second {@code up} on the same data keeps the same login. Only the
 * bcrypt hash reaches Drift (in drift.toml locally, as a secret file in containers).
 */
public record Credentials(String user, Secret password) {

    public static final String DEFAULT_USER = Login.DEFAULT_USER;

    /** The credentials stored in {@code file}, created first when the file does not exist. */
    public static Credentials loadOrCreate(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return load(file);
        }
        Credentials created = new Credentials(DEFAULT_USER, randomSecret());
        created.save(file);
        return created;
    }

    /** Writes this login to {@code file}, mode 0600, replacing what it held. */
    public void save(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password.reveal());
        StringWriter text = new StringWriter();
        properties.store(text, "Drift basic-auth login written by drift-ops up");
        SecureFiles.writeOwnerOnly(file, text.toString());
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
        return Login.randomSecret();
    }

    /** The entry of {@code existing} whose hash still matches the password, else a new one (see {@link Login}). */
    public String bcryptEntry(List<BasicUser> existing) {
        return login().bcryptEntry(existing);
    }

    /** The {@code [auth.basic] users} entry: the user and a bcrypt hash of the password. */
    public String bcryptEntry() {
        return login().bcryptEntry();
    }

    private Login login() {
        return new Login(user, password);
    }
}
