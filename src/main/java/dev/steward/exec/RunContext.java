package dev.steward.exec;

import dev.steward.inventory.Inventory;
import dev.steward.module.ModuleRegistry;
import dev.steward.playbook.Playbook;
import dev.steward.report.Recap;
import dev.steward.report.Reporter;
import dev.steward.template.TemplateEngine;

/** Everything a run shares across plays, hosts and tasks. */
record RunContext(Playbook playbook, Inventory inventory, ModuleRegistry modules, TemplateEngine templates,
        Reporter reporter, Recap recap, RunSettings settings, Connector connector) {
}
