package dev.drift.ops.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerSecretsTest {

    @Test
    void findsTheOwnerOfSecretsInPasswd() {
        String passwd = "root:x:0:0:root:/root:/bin/bash\npostgres:x:999:998::/var/lib/postgresql:/bin/bash\n";
        assertThat(ContainerSecrets.ownerIn(passwd, "postgres")).contains(new ContainerSecrets.Owner(999, 998));
        assertThat(ContainerSecrets.ownerIn(passwd, "postgre")).isEmpty();
    }
}
