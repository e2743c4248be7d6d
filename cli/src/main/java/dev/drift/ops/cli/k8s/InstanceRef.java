package dev.drift.ops.cli.k8s;

import dev.drift.ops.cli.CliException;
import dev.drift.ops.cli.provision.DataDir;
import dev.drift.ops.cli.provision.Deployment;
import dev.drift.ops.deploy.Layout;
import java.io.IOException;
import java.util.Optional;

/** A DriftRegistry's place: namespace and name, written {@code namespace/name} as kubectl does. */
record InstanceRef(String namespace, String name) {

    /** --name, else what the data directory recorded, else the default; one data directory serves one instance. */
    static InstanceRef choose(K8sSettings settings, DataDir dataDir) {
        Optional<Deployment> recorded;
        try {
            recorded = Deployment.load(dataDir);
        } catch (IOException e) {
            throw CliException.io("cannot read " + dataDir.state() + ": " + e.getMessage(), e);
        }
        if (recorded.isPresent() && !recorded.get().target().equals(K8sSettings.TARGET)) {
            throw CliException.provisioning(dataDir.root() + " holds a Drift of target " + recorded.get().target()
                    + "; stop it with drift-ops down --data-dir " + dataDir.root() + " or choose another --data-dir");
        }
        Optional<InstanceRef> before = recorded.map(deployment -> parse(deployment.instance()));
        InstanceRef chosen = new InstanceRef(settings.namespace(),
                settings.instance().or(() -> before.map(InstanceRef::name)).orElse(Layout.DEFAULT_INSTANCE));
        if (!chosen.name().matches(Layout.INSTANCE_PATTERN)) {
            throw CliException.usage("--name must be lower-case letters, digits and '-' (at most 40, starting with "
                    + "a letter or digit), got \"" + chosen.name() + "\"");
        }
        if (before.isPresent() && !before.get().equals(chosen)) {
            throw CliException.usage(dataDir.root() + " belongs to DriftRegistry " + before.get() + ", not " + chosen
                    + "; one data directory serves one instance");
        }
        return chosen;
    }

    static InstanceRef parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("not namespace/name: \"" + text + "\"");
        }
        return new InstanceRef(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
