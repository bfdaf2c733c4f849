package dev.steward.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One JSON object per line: play start, task start, host result (with duration), recap. */
public final class JsonReporter implements Reporter {

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public JsonReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void playStarted(String title, List<String> hosts) {
        emit(event("play_start", "play", title, "hosts", hosts));
    }

    @Override
    public void taskStarted(String title, String location) {
        emit(event("task_start", "task", title, "location", location));
    }

    @Override
    public void hostResult(HostResult r) {
        Map<String, Object> e = event("host_result", "host", r.host(), "task", r.task());
        e.put("module", r.module());
        e.put("status", r.status().name().toLowerCase());
        e.put("message", r.message());
        e.put("duration_ms", r.duration().toMillis());
        e.put("ignored", r.ignored());
        e.put("check_mode", r.simulated());
        r.diff().ifPresent(d -> e.put("diff", d));
        e.put("result", r.data());
        emit(e);
    }

    @Override
    public void itemResult(ItemResult r) {
        Map<String, Object> e = event("item_result", "host", r.host(), "task", r.task());
        e.put("item", r.label());
        e.put("status", r.status().name().toLowerCase());
        e.put("message", r.message());
        e.put("result", r.data());
        emit(e);
    }

    @Override
    public void handlerStarted(String title, String location) {
        emit(event("handler_start", "handler", title, "location", location));
    }

    @Override
    public void warning(String message) {
        emit(event("warning", "message", message));
    }

    @Override
    public void recap(Recap recap) {
        Map<String, Object> hosts = new LinkedHashMap<>();
        recap.ordered().forEach((h, c) -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("ok", c.ok());
            counts.put("changed", c.changed());
            counts.put("unreachable", c.unreachable());
            counts.put("failed", c.failed());
            counts.put("skipped", c.skipped());
            counts.put("rescued", c.rescued());
            counts.put("ignored", c.ignored());
            hosts.put(h, counts);
        });
        Map<String, Object> e = event("recap", "hosts", hosts);
        e.put("handlers_not_run", recap.handlersNotRun());
        emit(e);
    }

    private static Map<String, Object> event(String type, Object... kv) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", type);
        for (int i = 0; i < kv.length; i += 2) {
            e.put((String) kv[i], kv[i + 1]);
        }
        return e;
    }

    private synchronized void emit(Map<String, Object> event) {
        try {
            out.println(json.writeValueAsString(event));
            out.flush();
        } catch (JsonProcessingException e) {
            out.println("{\"event\":\"error\",\"message\":\"cannot write an event as JSON\"}");
        }
    }
}
