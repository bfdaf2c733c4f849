package dev.steward.plan;

import dev.steward.playbook.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Splits a play's hosts into the batches its {@code serial} asks for (one batch without it). */
public final class SerialBatches {

    private SerialBatches() {
    }

    public static <T> List<List<T>> split(Optional<Serial> serial, List<T> hosts) {
        if (serial.isEmpty() || hosts.isEmpty()) {
            return List.of(List.copyOf(hosts));
        }
        List<Serial.Size> sizes = serial.get().sizes();
        List<List<T>> out = new ArrayList<>();
        int at = 0;
        int step = 0;
        while (at < hosts.size()) {
            Serial.Size size = sizes.get(Math.min(step, sizes.size() - 1));
            int n = Math.min(size.of(hosts.size()), hosts.size() - at);
            out.add(List.copyOf(hosts.subList(at, at + n)));
            at += n;
            step++;
        }
        return out;
    }
}
