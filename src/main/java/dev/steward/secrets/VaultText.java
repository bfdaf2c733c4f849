package dev.steward.secrets;

/** Recognises vault files by their first line and opens either format. */
public final class VaultText {

    private VaultText() {
    }

    /** Whether {@code text} is a Steward or an Ansible vault (by its header, as Ansible does). */
    public static boolean isVault(String text) {
        return text.startsWith(StewardVault.MAGIC) || text.startsWith(AnsibleVault.MAGIC);
    }

    public static boolean isAnsibleVault(String text) {
        return text.startsWith(AnsibleVault.MAGIC);
    }

    /** The plaintext of a vault in either format. */
    public static String decrypt(String text, VaultPassword.Secret password) {
        if (text.startsWith(StewardVault.MAGIC)) {
            return StewardVault.decrypt(text, password);
        }
        if (text.startsWith(AnsibleVault.MAGIC)) {
            return AnsibleVault.decrypt(text, password);
        }
        throw new VaultException(VaultException.Kind.FORMAT, "not a vault: the file does not start with "
                + StewardVault.MAGIC + " or " + AnsibleVault.MAGIC);
    }
}
