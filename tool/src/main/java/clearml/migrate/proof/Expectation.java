package clearml.migrate.proof;

import clearml.migrate.importing.IdPlan;
import clearml.migrate.importing.LegacyUpgrades;
import clearml.migrate.importing.OwnerResolution;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.UrlMap;
import java.util.Date;
import org.bson.Document;

/**
 * The document the target should hold for an archived one: the import's intended changes applied to the archive
 * copy, in the importer's order (legacy upgrades, ids, owner and company, {@code --url-map}; data model §5.1–§5.4),
 * through the importer's own public pieces so that verify cannot drift from import.
 *
 * <p>One known gap: a legacy model entry made for a task with no {@code last_update} and no {@code created} gets the
 * time of the import as {@code updated} ({@link LegacyUpgrades}); verify cannot know that time and expects the epoch.
 */
final class Expectation {

    private final IdPlan ids;
    private final OwnerResolution owners;
    private final LegacyUpgrades upgrades = new LegacyUpgrades(new Date(0));
    private final LinkRewriter links;
    private final boolean rewriteLinks;

    Expectation(IdPlan ids, OwnerResolution owners, UrlMap urlMap) {
        this.ids = ids;
        this.owners = owners;
        this.links = new LinkRewriter(urlMap);
        this.rewriteLinks = !urlMap.isEmpty();
    }

    IdPlan ids() {
        return ids;
    }

    OwnerResolution owners() {
        return owners;
    }

    Document project(Document project) {
        ids.remapProject(upgrades.upgradeProject(project));
        own(project);
        if (rewriteLinks) {
            links.rewriteProject(project);
        }
        return project;
    }

    Document task(Document task) {
        ids.remapTask(upgrades.upgradeTask(task));
        own(task);
        if (rewriteLinks) {
            links.rewriteTask(task);
        }
        return task;
    }

    Document model(Document model) {
        ids.remapModel(upgrades.upgradeModel(model));
        own(model);
        if (rewriteLinks) {
            links.rewriteModel(model);
        }
        return model;
    }

    private void own(Document entity) {
        entity.put("company", owners.company());
        entity.put("user", owners.ownerOf(entity.get("user")));
    }
}
