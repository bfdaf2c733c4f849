package dev.steward.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.report.HostResult;
import dev.steward.report.ItemResult;
import dev.steward.report.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The --report picture of a recorded upgrade of a pair (node1 the standby, node2 the lease holder), on a
 * clock the test moves: the events the engine sends, through {@link UpgradeTimelineRecorder}, to
 * {@link UpgradeReportHtml}.
 */
class UpgradeReportHtmlTest {

    private final AtomicLong clock = new AtomicLong();
    private final UpgradeTimelineRecorder recorder = new UpgradeTimelineRecorder(List.of("node1", "node2"), "2.11.0",
            clock::get, Instant.parse("2026-11-22T03:00:00Z"));

    @Test
    void aSuccessfulUpgradeIsOneLanePerNodeWithItsPhasesInOrderAndInProportion() throws Exception {
        upToTheHoldersStop();
        at(60);
        recorder.itemResult(item("node2", UpgradeSteps.TAKEOVER, "node1", "serving"));
        step(60, "node2", UpgradeSteps.TAKEOVER, Status.OK, 15);
        step(62, "node2", "Holder — compose file on the new version", Status.CHANGED, 1);
        step(80, "node2", "Holder — recreate the container (now a standby)", Status.CHANGED, 18);
        step(90, "node2", "Holder — check it stays up and waits for the lease", Status.OK, 10);
        at(100);

        String html = UpgradeReportHtml.render(recorder.timeline(0));

        Document svg = svgOf(html);
        NodeList lanes = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        assertThat(lanes.getLength()).isEqualTo(2);
        assertThat(((Element) lanes.item(0)).getAttribute("data-node")).isEqualTo("node1");
        assertThat(phases((Element) lanes.item(0)))
                .containsExactly("waiting", "starting", "waiting", "checking", "waiting", "serving");
        assertThat(phases((Element) lanes.item(1)))
                .containsExactly("serving", "backup", "stopping", "stopped", "starting", "waiting");
        // the holder stopped from 40 s to 45 s of 100 s: x = 140 + 860 * 0.40, width 860 * 0.05
        Element stopping = rects((Element) lanes.item(1)).get(2);
        assertThat(Double.parseDouble(stopping.getAttribute("x"))).isEqualTo(484.0);
        assertThat(Double.parseDouble(stopping.getAttribute("width"))).isEqualTo(43.0);
        // node1 took the lease at 60 s and served to the end
        Element serving = rects((Element) lanes.item(0)).get(5);
        assertThat(Double.parseDouble(serving.getAttribute("x"))).isEqualTo(140 + 860 * 0.6);
        assertThat(Double.parseDouble(serving.getAttribute("width"))).isEqualTo(860 * 0.4);

        assertThat(html).contains("2.10.0 → 2.11.0").contains("Started 2026-11-22T03:00:00Z").contains("took 100.0 s")
                .contains("Finished: every node runs the new version.").contains("waiting for the lease")
                .as("self-contained: no script, no external asset").doesNotContain("<script", "src=", "href=", "<link", "url(");
        for (UpgradePhase p : UpgradePhase.values()) {
            assertThat(html).as("the legend").contains(p.label());
        }
    }

    @Test
    void aFailedUpgradeShowsTheFailingNodeStepAndCheck() throws Exception {
        upToTheHoldersStop();
        at(60);
        recorder.itemResult(item("node2", UpgradeSteps.TAKEOVER, "node1", "not serving after 15 s (last /health: 503)"));
        step(60, "node2", UpgradeSteps.TAKEOVER, Status.OK, 15);
        step(62, "node2", "Holder — start the old container again", Status.CHANGED, 2);
        at(63);
        recorder.hostResult(new HostResult("node2", "Holder — stop the upgrade", "fail", Status.FAILED,
                "upgrade stopped: node node2, step 'hand the lease over', check 'an upgraded node answers /health 200"
                        + " 3 times in a row within 15 s' failed: node1: not serving <503>",
                Map.of(), Duration.ZERO, false));
        at(70);

        String html = UpgradeReportHtml.render(recorder.timeline(2));

        Document svg = svgOf(html);
        NodeList lanes = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        assertThat(phases((Element) lanes.item(1)))
                .containsExactly("serving", "backup", "stopping", "stopped", "starting", "waiting", "failed");
        assertThat(phases((Element) lanes.item(0))).last().isEqualTo("waiting");
        assertThat(html).contains("Stopped (exit 2): node node2, step 'Holder — stop the upgrade'")
                .contains("check 'an upgraded node answers /health 200").contains("not serving &lt;503&gt;")
                .doesNotContain("Finished");
    }

    @Test
    void aContinuedRunStartsTheStoppedNodesLaneStopped() throws Exception {
        at(1); // killed before: node2 stopped on the old version, node1 already serves the new one
        recorder.itemResult(item("node1", UpgradeSteps.WHERE_EACH_NODE_STANDS, "node1", "holder 2.11.0\n"));
        recorder.itemResult(item("node1", UpgradeSteps.WHERE_EACH_NODE_STANDS, "node2", "stopped 2.10.0\n"));
        step(10, "node2", "Standby — compose file on the new version", Status.CHANGED, 1);
        step(20, "node2", "Standby — recreate the container", Status.CHANGED, 10);
        step(30, "node2", "Standby — check it stays up and waits for the lease", Status.OK, 10);

        NodeList lanes = svgOf(UpgradeReportHtml.render(recorder.timeline(0)))
                .getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        assertThat(phases((Element) lanes.item(0))).containsExactly("serving");
        assertThat(phases((Element) lanes.item(1))).containsExactly("stopped", "starting", "waiting");
    }

    @Test
    void anInterruptedRunSaysSo() {
        upToTheHoldersStop();
        assertThat(UpgradeReportHtml.render(recorder.timeline(99))).contains("Interrupted (exit 99)");
    }

    /** node1 (standby) recreated and settled, the database backed up, node2 (holder) stopped at 45 s. */
    private void upToTheHoldersStop() {
        at(1);
        recorder.itemResult(item("node1", UpgradeSteps.WHERE_EACH_NODE_STANDS, "node1", "standby 2.10.0\n"));
        recorder.itemResult(item("node1", UpgradeSteps.WHERE_EACH_NODE_STANDS, "node2", "holder 2.10.0\n"));
        step(10, "node1", "Standby — compose file on the new version", Status.CHANGED, 1);
        step(20, "node1", "Standby — recreate the container", Status.CHANGED, 10);
        step(30, "node1", "Standby — check it stays up and waits for the lease", Status.OK, 10);
        at(35);
        recorder.hostResult(new HostResult("node1", "health check", "health_check", Status.OK, "", Map.of(),
                Duration.ofSeconds(5), false));
        step(40, "node2", "Holder — back up the database (pg_dump -F c, with the version it belongs to)",
                Status.CHANGED, 5);
        step(45, "node2", "Holder — stop it (an upgraded standby takes the lease)", Status.CHANGED, 5);
    }

    private void at(long seconds) {
        clock.set(Duration.ofSeconds(seconds).toNanos());
    }

    private void step(long endSeconds, String host, String task, Status status, long seconds) {
        at(endSeconds);
        recorder.hostResult(new HostResult(host, task, "shell", status, "", Map.of(), Duration.ofSeconds(seconds),
                false));
    }

    private static ItemResult item(String host, String task, String label, String stdout) {
        return new ItemResult(host, task, label, Status.OK, "", Map.of("stdout", stdout), false, Optional.empty());
    }

    private static Document svgOf(String html) throws Exception {
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + "</svg>".length());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> rects(Element lane) {
        NodeList list = lane.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        List<Element> rects = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            rects.add((Element) list.item(i));
        }
        return rects;
    }

    private static List<String> phases(Element lane) {
        return rects(lane).stream().map(r -> r.getAttribute("data-phase")).toList();
    }
}
