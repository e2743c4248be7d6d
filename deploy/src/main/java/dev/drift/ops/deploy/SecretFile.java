package dev.drift.ops.deploy;

/**
 * A secret a component reads as a file under {@link Layout#SECRETS_DIR}, never as an environment
 * value or argument. The model names the file and who reads it; what it holds is the target's to
 * supply (a file in the data directory, a Kubernetes Secret).
 *
 * @param owner numeric uid, or a user name looked up in the container's /etc/passwd
 */
public record SecretFile(String name, String owner) {

    public String path() {
        return Layout.SECRETS_DIR + "/" + name;
    }
}
