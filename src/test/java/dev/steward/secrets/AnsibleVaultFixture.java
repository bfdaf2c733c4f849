package dev.steward.secrets;

import java.io.IOException;

/** The Ansible Vault test vectors, for tests outside this package. */
public final class AnsibleVaultFixture {

    public static final String PASSWORD = "correct horse battery staple";
    public static final String PLAIN = "db_password: s3cret-from-ansible\nrpc_token: 'tok-9f8e7d6c'\n";

    private AnsibleVaultFixture() {
    }

    public static String version12() throws IOException {
        return AnsibleVaultTest.vector("ansible-1.2.vault");
    }
}
