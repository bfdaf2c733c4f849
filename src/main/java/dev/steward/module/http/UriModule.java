package dev.steward.module.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.module.Args;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.Probe;
import dev.steward.transport.TransportException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code uri}: an HTTP request made from the host with curl (URL, headers, credentials and body on
 * curl's stdin). As in Ansible it reports ok, never changed: {@code changed_when} decides. A GET or
 * HEAD is a question, asked while planning (so check mode sees the answer too); other methods are
 * sent only when the plan is applied.
 */
public final class UriModule implements Module {

    /** Made on first use: the registry builds every module at each start, and Jackson takes a while to set up. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS); // as YAML numbers are
    }

    private static final List<String> SAFE = List.of("GET", "HEAD");
    private static final ModuleSpec SPEC;

    static {
        List<Param> params = new ArrayList<>();
        params.add(Param.required("url", ParamType.STRING, "the URL (sent on curl's stdin)"));
        params.add(Param.optional("method", ParamType.STRING, "the HTTP method (default GET)")
                .choices("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        params.add(Param.optional("body", ParamType.ANY, "the request body: text, or a map/list with body_format json"));
        params.add(Param.optional("body_format", ParamType.STRING, "raw (default), json, or form-urlencoded")
                .choices("raw", "json", "form-urlencoded"));
        params.add(Param.optional("status_code", ParamType.ANY, "the status expected, one or a list (default 200)"));
        params.add(Param.optional("return_content", ParamType.BOOL, "put the body in the result as 'content'"));
        params.add(Param.optional("follow_redirects", ParamType.BOOL, "follow redirects (default true for GET and HEAD)"));
        params.addAll(CurlConfig.PARAMS);
        SPEC = new ModuleSpec("Makes an HTTP request from the host; returns status, content and parsed JSON.",
                params, Optional.empty(), List.of(), List.of());
    }

    @Override
    public String name() {
        return "uri";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String url = args.required("url");
        String method = args.string("method").orElse("GET").toUpperCase();
        List<Long> expected = statusCodes(args);
        CurlConfig config = CurlConfig.of(args, url);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            config.option("request", method);
        }
        body(args, config);
        boolean follow = args.bool("follow_redirects").orElse(SAFE.contains(method));
        String command = "f=$(mktemp); trap 'rm -f -- \"$f\"' EXIT; curl " + CurlConfig.flags(args, 30)
                + (follow ? " --location" : "") + (method.equals("HEAD") ? " --head" : "")
                + " -K - -o \"$f\" -w 'status=%{http_code}\\ncontent_type=%{content_type}\\nurl=%{url_effective}\\n'; "
                + "rc=$?; echo \"curl_rc=$rc\"; if [ $rc -eq 0 ]; then printf 'body='; base64 -w0 < \"$f\"; echo; fi";
        boolean returnContent = args.bool("return_content").orElse(false);
        String shown = method + " " + GetUrlModule.redacted(url);
        if (SAFE.contains(method)) {
            return new Plan.Unchanged(request(call.probe(), command, config, shown, expected, returnContent));
        }
        return new Plan.Change("send " + shown, false, Optional.empty(),
                host -> request(host, command, config, shown, expected, returnContent));
    }

    private static Result request(Probe host, String command, CurlConfig config, String shown, List<Long> expected,
            boolean returnContent) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        CommandResult r = host.query(command, config.stdin());
        Map<String, String> kv = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!"0".equals(kv.get("curl_rc"))) {
            throw new ModuleFailure("Status code was -1 and not " + expected + ": request failed: " + shown + ": "
                    + r.stderr().strip(), Map.of("status", -1L, "stderr", r.stderr(),
                            "rc", (long) r.exitCode()));
        }
        long status = Long.parseLong(kv.getOrDefault("status", "0"));
        byte[] body = Base64.getDecoder().decode(kv.getOrDefault("body", ""));
        String content = new String(body, StandardCharsets.UTF_8);
        String contentType = kv.getOrDefault("content_type", "");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status);
        data.put("url", GetUrlModule.redacted(kv.getOrDefault("url", "")));
        data.put("content_type", contentType);
        data.put("content_length", (long) body.length);
        if (returnContent) {
            data.put("content", content);
        }
        if (contentType.toLowerCase().contains("json") && body.length > 0) {
            try {
                data.put("json", Json.MAPPER.readValue(body, Object.class));
            } catch (java.io.IOException e) {
                // the server said JSON but sent something else: no 'json' in the result
            }
        }
        if (!expected.contains(status)) {
            Map<String, Object> details = new LinkedHashMap<>(data);
            details.putIfAbsent("content", content.length() > 2000 ? content.substring(0, 2000) + "…" : content);
            throw new ModuleFailure("Status code was " + status + " and not " + expected + ": " + shown, details);
        }
        return new Result(false, "OK (" + body.length + " bytes)", data);
    }

    private static List<Long> statusCodes(Args args) throws ModuleFailure {
        Object raw = args.raw("status_code");
        if (raw == null) {
            return List.of(200L);
        }
        List<?> items = raw instanceof List<?> l ? l : List.of(raw);
        List<Long> out = new ArrayList<>();
        for (Object o : items) {
            try {
                out.add(o instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(o).strip()));
            } catch (NumberFormatException e) {
                throw new ModuleFailure("status_code: '" + o + "' is not a number");
            }
        }
        return out;
    }

    private static void body(Args args, CurlConfig config) throws ModuleFailure {
        if (!args.has("body")) {
            return;
        }
        Object body = args.raw("body");
        String format = args.string("body_format").orElse("raw");
        String text;
        switch (format) {
            case "json" -> {
                try {
                    text = body instanceof String s ? s : Json.MAPPER.writeValueAsString(body);
                } catch (JsonProcessingException e) {
                    throw new ModuleFailure("body cannot be written as JSON: " + e.getOriginalMessage());
                }
                if (!CurlConfig.hasHeader(args, "Content-Type")) {
                    config.option("header", "Content-Type: application/json");
                }
            }
            case "form-urlencoded" -> {
                if (!(body instanceof Map<?, ?> m)) {
                    throw new ModuleFailure("body_format form-urlencoded needs a map as body");
                }
                text = m.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                        .collect(Collectors.joining("&"));
                if (!CurlConfig.hasHeader(args, "Content-Type")) {
                    config.option("header", "Content-Type: application/x-www-form-urlencoded");
                }
            }
            default -> text = String.valueOf(body);
        }
        config.option("data-raw", text); // not data-binary: a body starting with @ would name a file
    }

    private static String enc(Object o) {
        return URLEncoder.encode(String.valueOf(o), StandardCharsets.UTF_8);
    }
}
