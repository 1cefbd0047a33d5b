package clearml.migrate.importing;

import clearml.migrate.links.LinkChanges;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.UrlMap;
import org.bson.Document;

/**
 * Turns an archived entity document into the one the target stores: legacy upgrades (data model §5.4), the id
 * plan, owner and company (§5.1), and the {@code --url-map} link rewrite. Every other field passes through.
 */
final class EntityPreparation {

    private final ImportPlan plan;
    private final LegacyUpgrades upgrades;
    private final LinkRewriter links;
    private final boolean rewriteLinks;
    private long linksRewritten;

    EntityPreparation(ImportPlan plan, LegacyUpgrades upgrades, UrlMap urlMap) {
        this.plan = plan;
        this.upgrades = upgrades;
        this.links = new LinkRewriter(urlMap);
        this.rewriteLinks = !urlMap.isEmpty();
    }

    Document project(Document project) {
        plan.ids.remapProject(upgrades.upgradeProject(project));
        own(project);
        count(rewriteLinks ? links.rewriteProject(project) : LinkChanges.none());
        return project;
    }

    Document task(Document task) {
        plan.ids.remapTask(LongFields.widenTask(upgrades.upgradeTask(task)));
        own(task);
        count(rewriteLinks ? links.rewriteTask(task) : LinkChanges.none());
        return task;
    }

    Document model(Document model) {
        plan.ids.remapModel(upgrades.upgradeModel(model));
        own(model);
        count(rewriteLinks ? links.rewriteModel(model) : LinkChanges.none());
        return model;
    }

    /** URLs rewritten so far. */
    long linksRewritten() {
        return linksRewritten;
    }

    private void own(Document entity) {
        entity.put("company", plan.owners.company());
        entity.put("user", plan.owners.ownerOf(entity.get("user")));
    }

    private void count(LinkChanges changes) {
        linksRewritten += changes.changes().size();
    }
}
