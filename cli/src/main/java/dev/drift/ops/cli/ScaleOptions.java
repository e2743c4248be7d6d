package dev.drift.ops.cli;

import dev.drift.ops.cli.docker.DockerProvisioner;
import dev.drift.ops.cli.provision.BlobChoice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --storage} and {@code --replicas} of {@code up} and {@code test}: the docker target's scale-out. */
final class ScaleOptions {

    @Option(names = "--storage", defaultValue = "fs", paramLabel = "fs|s3", converter = BlobChoiceConverter.class,
            description = "--target docker: where the blobs live: fs (the registry's volume) or s3 (a bucket of a "
                    + "SeaweedFS container the instance runs, image made by drift-ops build seaweedfs) "
                    + "(default: ${DEFAULT-VALUE}).")
    BlobChoice blobs;

    @Option(names = "--replicas", defaultValue = "1", paramLabel = "N",
            description = "--target docker: registry containers, published on --port, --port + 1, ...; more than 1 "
                    + "needs --storage s3 and --backend postgres (default: ${DEFAULT-VALUE}).")
    int replicas;

    /** Checked before anything starts; the rule that several replicas need a bucket and PostgreSQL is the model's. */
    void requireSupportedBy(String target) {
        if (replicas < 1) {
            throw CliException.usage("--replicas must be at least 1, got " + replicas);
        }
        boolean scaled = blobs != BlobChoice.FS || replicas > 1;
        if (scaled && !target.equals(DockerProvisioner.TARGET)) {
            throw CliException.usage("--storage s3 and --replicas belong to --target docker, which runs the S3 server "
                    + "and the replicas as containers; on Kubernetes set spec.storage.s3 and spec.replicas of a "
                    + "DriftRegistry (README, \"On Kubernetes\")");
        }
    }

    static final class BlobChoiceConverter implements ITypeConverter<BlobChoice> {
        @Override
        public BlobChoice convert(String value) {
            try {
                return BlobChoice.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
