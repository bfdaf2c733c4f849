package dev.steward.module.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.module.ModuleFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@code docker save} tar on the controller holds, read without unpacking it: only the tar
 * headers are read (the layers are skipped by seeking), and {@code manifest.json} (plus the OCI
 * {@code index.json} of Docker 25+) are parsed.
 *
 * @param imageId the image ID: {@code sha256:} + the digest of the image's config, what {@code docker image inspect} reports
 * @param otherIds other IDs the same image has on an engine with the containerd image store (its manifest digests)
 * @param repoTags the names {@code docker load} gives the image
 */
record ImageTar(Path file, long size, String imageId, Set<String> otherIds, List<String> repoTags) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BLOCK = 512;

    /** Every ID under which the engine may already know this image. */
    Set<String> ids() {
        Set<String> all = new LinkedHashSet<>();
        all.add(imageId);
        all.addAll(otherIds);
        return all;
    }

    static ImageTar read(Path file) throws ModuleFailure {
        byte[] manifest = null;
        byte[] index = null;
        long size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            long pos = 0;
            String longName = null;
            ByteBuffer header = ByteBuffer.allocate(BLOCK);
            while (pos + BLOCK <= size) {
                header.clear();
                ch.read(header, pos);
                byte[] h = header.array();
                if (isZero(h)) {
                    break;
                }
                String name = text(h, 0, 100);
                String prefix = text(h, 345, 155);
                if (!prefix.isEmpty() && h[257] == 'u') {
                    name = prefix + "/" + name;
                }
                long length = Long.parseLong(text(h, 124, 12).trim().isEmpty() ? "0" : text(h, 124, 12).trim(), 8);
                char type = (char) h[156];
                long data = pos + BLOCK;
                if (type == 'L' || type == 'x') {
                    String body = new String(readAt(ch, data, length), StandardCharsets.UTF_8);
                    longName = type == 'L' ? body.replace("\0", "") : paxPath(body);
                } else {
                    if (longName != null) {
                        name = longName;
                        longName = null;
                    }
                    if (name.startsWith("./")) {
                        name = name.substring(2);
                    }
                    if (name.equals("manifest.json")) {
                        manifest = readAt(ch, data, length);
                    } else if (name.equals("index.json")) {
                        index = readAt(ch, data, length);
                    }
                }
                pos = data + (length + BLOCK - 1) / BLOCK * BLOCK;
            }
        } catch (IOException | NumberFormatException e) {
            throw new ModuleFailure("cannot read the image tar " + file + ": " + e.getMessage());
        }
        if (manifest == null) {
            throw new ModuleFailure(file + " is not an image tar made by 'docker save' (it has no manifest.json)");
        }
        try {
            JsonNode m = JSON.readTree(manifest);
            if (!m.isArray() || m.size() != 1) {
                throw new ModuleFailure(file + " holds " + m.size() + " images; docker_image loads a tar of one image "
                        + "('docker save NAME:TAG > file.tar')");
            }
            String config = m.get(0).path("Config").asText("");
            String digest = config.substring(config.lastIndexOf('/') + 1).replaceFirst("\\.json$", "");
            if (!digest.matches("[0-9a-f]{64}")) {
                throw new ModuleFailure(file + ": manifest.json names no image config digest ('" + config + "')");
            }
            List<String> tags = new ArrayList<>();
            m.get(0).path("RepoTags").forEach(t -> tags.add(t.asText()));
            Set<String> others = new LinkedHashSet<>();
            if (index != null) {
                JSON.readTree(index).path("manifests").forEach(x -> others.add(x.path("digest").asText()));
                others.remove("");
            }
            return new ImageTar(file, size, "sha256:" + digest, others, tags);
        } catch (IOException e) {
            throw new ModuleFailure(file + ": manifest.json is not valid JSON: " + e.getMessage());
        }
    }

    private static String paxPath(String records) {
        for (String rec : records.split("\n")) {
            int sp = rec.indexOf(' ');
            if (sp > 0 && rec.startsWith("path=", sp + 1)) {
                return rec.substring(sp + 6);
            }
        }
        return null;
    }

    private static byte[] readAt(FileChannel ch, long pos, long length) throws IOException {
        if (length > 16 * 1024 * 1024) {
            throw new IOException("a metadata entry of " + length + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("the tar ends inside an entry");
            }
        }
        return b.array();
    }

    private static String text(byte[] h, int from, int len) {
        int end = from;
        while (end < from + len && h[end] != 0) {
            end++;
        }
        return new String(h, from, end - from, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
