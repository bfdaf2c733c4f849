package dev.steward.inventory;

import dev.steward.source.FileDecryptor;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.ValidationException;
import dev.steward.source.YNode;
import dev.steward.source.YNode.YMap;
import dev.steward.source.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an inventory file (Steward YAML, or Ansible INI for migration) with the
 * {@code group_vars/} and {@code host_vars/} folders beside it. Every problem in all those files is
 * collected, then reported at once in a {@link ValidationException}.
 *
 * <p>The format: {@code .yml}/{@code .yaml} is YAML and {@code .ini} is INI. Any other name is INI
 * when it has a {@code [group]} line or is not a YAML map (a bare list of host names), else YAML.
 */
public final class InventoryReader {

    private final LocalUser localUser;
    private final FileDecryptor decryptor;

    public InventoryReader() {
        this(LocalUser.current());
    }

    /** @param localUser the default SSH user and the home folder for {@code ~} */
    public InventoryReader(LocalUser localUser) {
        this(localUser, FileDecryptor.NO_PASSWORD);
    }

    /** @param decryptor opens {@code group_vars}/{@code host_vars} files that are whole vault files */
    public InventoryReader(LocalUser localUser, FileDecryptor decryptor) {
        this.localUser = localUser;
        this.decryptor = decryptor;
    }

    public static Inventory read(Path file) {
        return new InventoryReader().readFile(file);
    }

    public Inventory readFile(Path file) {
        String text = readText(file);
        Problems problems = new Problems();
        InventoryDraft draft = new InventoryDraft(new SourceLocation(file.toString(), 0, 0), problems);
        SshValueParser sshValues = new SshValueParser(file.toAbsolutePath().getParent(), localUser.home());
        if (isIni(file, text)) {
            new IniInventoryParser(draft, sshValues, file.toString()).parse(text);
        } else {
            new YamlInventoryParser(draft, sshValues).parse(new YamlReader(problems).read(file.toString(), text));
        }
        Inventory inventory = new InventoryAssembler(file, draft, localUser, decryptor).assemble();
        problems.throwIfAny();
        return inventory;
    }

    private static boolean isIni(Path file, String text) {
        String name = file.getFileName().toString();
        if (name.endsWith(".ini")) {
            return true;
        }
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return false;
        }
        if (IniInventoryParser.looksLikeIni(text)) {
            return true;
        }
        try {
            YNode root = new YamlReader(new Problems()).read(name, text);
            return !(root instanceof YMap); // a bare list of host names reads as one YAML string
        } catch (ValidationException e) {
            return false; // report the YAML syntax error: nothing says it was meant as INI
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ValidationException.of(new SourceLocation(file.toString(), 0, 0), "inventory file not found",
                    "check the path given with -i");
        } catch (IOException e) {
            throw ValidationException.of(new SourceLocation(file.toString(), 0, 0),
                    "cannot read the inventory: " + e.getMessage(), "");
        }
    }
}
