package dev.drift.ops.registry.blob;

import dev.drift.ops.config.S3Config;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the S3 client {@link S3BlobStore} talks through, from {@code [storage.s3]}. */
public final class S3Clients {

    /** A stopped or unreachable server must fail /readyz within its probe's time, not hang it. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A slow read of one part or chunk; a whole large layer takes longer, so there is no call timeout. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(2);

    private S3Clients() {
    }

    /** A sync client for {@code config}; its secrets go into the SDK's signer only, never into a message. */
    public static S3Client create(S3Config config) throws IOException {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT);
        if (!config.caFile().isEmpty()) {
            TrustManager[] trust = trustManagersFor(Path.of(config.caFile()));
            http.tlsTrustManagersProvider(() -> trust);
        }
        return S3Client.builder()
                .endpointOverride(URI.create(config.endpoint()))
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .credentialsProvider(credentials(config))
                .httpClientBuilder(http)
                // The SDK's default adds CRC trailers (aws-chunked bodies) that S3-compatible servers do not all
                // read; the content is verified by its sha256 digest anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Signs the GET URLs of {@code [storage.s3] redirect} with the configured keys, for the same endpoint and style. */
    public static S3Presigner presigner(S3Config config) {
        return S3Presigner.builder()
                .endpointOverride(URI.create(config.endpoint()))
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build())
                .build();
    }

    /** Keys when configured; none means anonymous requests (a server with no identities accepts them). */
    private static AwsCredentialsProvider credentials(S3Config config) {
        if (config.accessKey().isEmpty()) {
            return AnonymousCredentialsProvider.create();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(config.accessKey().reveal(), config.secretKey().reveal()));
    }

    /** Trusts exactly the certificates of the PEM file {@code caFile}, as ca_file promises. */
    private static TrustManager[] trustManagersFor(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException("[storage.s3] ca_file " + caFile + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("[storage.s3] ca_file " + caFile + " is not a PEM file of certificates: " + e.getMessage(), e);
        }
    }
}
