package dev.warden.localorg.rules;

import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RecordChangeListener;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The derived fields of the standard CRM objects that users read back (Object Reference descriptions of each field):
 * compound names, Opportunity stage facts, closed flags, auto numbers, line item prices. Values the platform
 * computes by configuration (an org's own stage list, fiscal year settings) use the defaults of a new org; where the
 * reference does not give the default it is marked UNCONFIRMED.
 */
public final class StandardObjectRules {
    /** Default stage list of a new org: probability, forecast category, closed, won (Object Reference, UNCONFIRMED). */
    private record Stage(double probability, String forecast, boolean closed, boolean won) {}

    private static final Map<String, Stage> STAGES = Map.ofEntries(
            Map.entry("Prospecting", new Stage(10, "Pipeline", false, false)),
            Map.entry("Qualification", new Stage(10, "Pipeline", false, false)),
            Map.entry("Needs Analysis", new Stage(20, "Pipeline", false, false)),
            Map.entry("Value Proposition", new Stage(50, "Pipeline", false, false)),
            Map.entry("Id. Decision Makers", new Stage(60, "Pipeline", false, false)),
            Map.entry("Perception Analysis", new Stage(70, "Pipeline", false, false)),
            Map.entry("Proposal/Price Quote", new Stage(75, "Pipeline", false, false)),
            Map.entry("Negotiation/Review", new Stage(90, "Pipeline", false, false)),
            Map.entry("Closed Won", new Stage(100, "Closed", true, true)),
            Map.entry("Closed Lost", new Stage(0, "Omitted", true, false)));
    private static final Map<String, String> FORECAST_API = Map.of(
            "Omitted",
            "Omitted",
            "Pipeline",
            "Pipeline",
            "Best Case",
            "BestCase",
            "Commit",
            "Forecast",
            "Closed",
            "Closed");

    private final OrgDatabase db;
    private final Map<String, AtomicLong> autoNumbers = new ConcurrentHashMap<>();

    private StandardObjectRules(OrgDatabase db) {
        this.db = db;
    }

    public static void install(OrgDatabase db) {
        StandardObjectRules r = new StandardObjectRules(db);
        for (String person : List.of("Contact", "Lead", "Individual")) {
            db.addPlatformRule(person, before(r::personName));
        }
        db.addPlatformRule("Opportunity", before(r::opportunity));
        db.addPlatformRule("Case", before(r::caseRules));
        db.addPlatformRule("Task", before(r::task));
        db.addPlatformRule("Event", before(r::event));
        db.addPlatformRule("Contract", before(r::contract));
        db.addPlatformRule("Order", before(r::order));
        db.addPlatformRule("OrderItem", before(r::lineItem));
        db.addPlatformRule("OpportunityLineItem", before(r::lineItem));
        db.addPlatformRule("PricebookEntry", before(r::pricebookEntry));
        db.addPlatformRule("Asset", before(r::asset));
        db.addPlatformRule("CampaignMember", before(r::campaignMember));
    }

    private static RecordChangeListener before(java.util.function.Consumer<RecordChange> rule) {
        return new RecordChangeListener() {
            @Override
            public void beforeChange(RecordChange c) {
                if (c.operation() == Operation.INSERT || c.operation() == Operation.UPDATE) {
                    rule.accept(c);
                }
            }
        };
    }

    /** Contact/Lead/Individual Name is "FirstName LastName" (read-only compound; Salutation not included). */
    private void personName(RecordChange c) {
        if (c.operation() == Operation.INSERT
                || c.draft().containsKey("FirstName")
                || c.draft().containsKey("LastName")) {
            Object first = c.value("FirstName");
            Object last = c.value("LastName");
            c.draft().put("Name", ((first == null ? "" : first + " ") + (last == null ? "" : last)).trim());
        }
    }

    private void opportunity(RecordChange c) {
        Map<String, Object> d = c.draft();
        if (c.operation() == Operation.INSERT || d.containsKey("StageName")) {
            Stage s = STAGES.get(String.valueOf(c.value("StageName")));
            boolean stageChanged = c.operation() == Operation.INSERT || c.changed("StageName");
            if (s != null) {
                d.put("IsClosed", s.closed());
                d.put("IsWon", s.won());
                if (stageChanged && !d.containsKey("Probability")) {
                    d.put("Probability", s.probability());
                }
                if (stageChanged && !d.containsKey("ForecastCategoryName")) {
                    d.put("ForecastCategoryName", s.forecast());
                }
            } else {
                // A stage the default list doesn't know: open, no forecast change (UNCONFIRMED).
                d.put("IsClosed", false);
                d.put("IsWon", false);
            }
        }
        Object category = c.value("ForecastCategoryName");
        if (category != null) {
            d.put("ForecastCategory", FORECAST_API.getOrDefault(category.toString(), "Pipeline"));
        }
        Object amount = c.value("Amount");
        Object probability = c.value("Probability");
        d.put(
                "ExpectedRevenue",
                amount instanceof Number a && probability instanceof Number p
                        ? a.doubleValue() * p.doubleValue() / 100
                        : null);
        if (c.value("CloseDate") instanceof LocalDate close) {
            // Standard fiscal year starting in January (the default of a new org).
            d.put("FiscalYear", close.getYear());
            d.put("FiscalQuarter", (close.getMonthValue() - 1) / 3 + 1);
        }
    }

    private void caseRules(RecordChange c) {
        Map<String, Object> d = c.draft();
        if (c.operation() == Operation.INSERT) {
            d.put("CaseNumber", String.format("%08d", nextNumber("Case")));
        }
        if (c.operation() == Operation.INSERT || d.containsKey("Status")) {
            boolean closed = "Closed".equals(c.value("Status"));
            boolean wasClosed = c.before() != null && c.before().is("IsClosed");
            d.put("IsClosed", closed);
            if (closed && !wasClosed) {
                d.put("ClosedDate", db.clock().instant());
            } else if (!closed) {
                d.put("ClosedDate", null);
            }
        }
    }

    private void task(RecordChange c) {
        Map<String, Object> d = c.draft();
        d.put("IsClosed", "Completed".equals(c.value("Status")));
        d.put("IsHighPriority", "High".equals(c.value("Priority")));
        if (c.operation() == Operation.INSERT || c.changed("Status")) {
            d.put(
                    "CompletedDateTime",
                    "Completed".equals(c.value("Status")) ? db.clock().instant() : null);
        }
        activityAccount(c);
    }

    /** Task/Event AccountId: the WhatId when it is an account, else the contact's account (Object Reference). */
    private void activityAccount(RecordChange c) {
        String account = null;
        Object what = c.value("WhatId");
        Object who = c.value("WhoId");
        if (what != null && what.toString().startsWith("001")) {
            account = what.toString();
        } else if (what != null) {
            Record parent = db.live(what.toString());
            if (parent != null && parent.type().field("AccountId") != null) {
                account = parent.getString("AccountId");
            }
        }
        if (account == null && who != null && who.toString().startsWith("003")) {
            Record contact = db.live(who.toString());
            account = contact == null ? null : contact.getString("AccountId");
        }
        c.draft().put("AccountId", account);
    }

    private void contract(RecordChange c) {
        Map<String, Object> d = c.draft();
        if (c.operation() == Operation.INSERT) {
            d.put("ContractNumber", String.format("%08d", nextNumber("Contract")));
        }
        Object status = c.value("Status");
        d.put(
                "StatusCode",
                "Activated".equals(status)
                        ? "Activated"
                        : "In Approval Process".equals(status) ? "InApproval" : "Draft");
        if (c.value("StartDate") instanceof LocalDate start && c.value("ContractTerm") instanceof Number term) {
            d.put("EndDate", start.plusMonths(term.intValue()).minusDays(1));
        }
    }

    private void order(RecordChange c) {
        Map<String, Object> d = c.draft();
        if (c.operation() == Operation.INSERT) {
            d.put("OrderNumber", String.format("%08d", nextNumber("Order")));
        }
        d.put("StatusCode", "Activated".equals(c.value("Status")) ? "Activated" : "Draft");
    }

    /** OrderItem / OpportunityLineItem: product and list price from the price book entry, total = quantity x price. */
    private void lineItem(RecordChange c) {
        Map<String, Object> d = c.draft();
        Object entryId = c.value("PricebookEntryId");
        Record entry = entryId == null ? null : db.live(entryId.toString());
        if (entry != null) {
            d.put("Product2Id", entry.getString("Product2Id"));
            d.put("ListPrice", entry.get("UnitPrice"));
            if (c.operation() == Operation.INSERT && c.value("UnitPrice") == null && c.value("TotalPrice") == null) {
                d.put("UnitPrice", entry.get("UnitPrice"));
            }
            if (c.type().field("ProductCode") != null) {
                d.put("ProductCode", entry.get("ProductCode"));
            }
            if (c.type().field("Name") != null && !c.type().field("Name").createable()) {
                d.put("Name", entry.get("Name"));
            }
        }
        Object quantity = c.value("Quantity");
        Object unit = c.value("UnitPrice");
        if (quantity instanceof Number q && unit instanceof Number u) {
            d.put("TotalPrice", q.doubleValue() * u.doubleValue());
        } else if (quantity instanceof Number q && c.value("TotalPrice") instanceof Number t && q.doubleValue() != 0) {
            d.put("UnitPrice", t.doubleValue() / q.doubleValue());
        }
    }

    /**
     * PricebookEntry: name and code from the product; a custom price book's entry needs the product's standard price
     * first (Object Reference, PricebookEntry; wording as commonly reported, UNCONFIRMED).
     */
    private void pricebookEntry(RecordChange c) {
        Object productId = c.value("Product2Id");
        Record product = productId == null ? null : db.live(productId.toString());
        if (product != null) {
            c.draft().put("Name", product.get("Name"));
            c.draft().put("ProductCode", product.get("ProductCode"));
        }
        Object bookId = c.value("Pricebook2Id");
        Record book = bookId == null ? null : db.live(bookId.toString());
        if (c.operation() == Operation.INSERT && book != null && product != null && !book.is("IsStandard")) {
            boolean hasStandard = db.findBy("PricebookEntry", "Product2Id", product.id()).stream()
                    .anyMatch(e -> !e.isDeleted() && isStandardBook(e.getString("Pricebook2Id")));
            if (!hasStandard) {
                throw new OrgException(
                        "STANDARD_PRICE_NOT_DEFINED", "No standard price defined for this product", List.of());
            }
        }
    }

    private boolean isStandardBook(String id) {
        Record b = id == null ? null : db.live(id);
        return b != null && b.is("IsStandard");
    }

    /**
     * Event: start and end from ActivityDateTime + DurationInMinutes (or the reverse), ActivityDate from the start;
     * a timed event needs both a start and a duration or end (REQUIRED_FIELD_MISSING, as the platform reports it).
     */
    private void event(RecordChange c) {
        Map<String, Object> d = c.draft();
        java.time.Instant start;
        int minutes;
        if (Boolean.TRUE.equals(c.value("IsAllDayEvent"))) {
            if (!(c.value("ActivityDate") instanceof LocalDate day)) {
                throw new OrgException(
                        "REQUIRED_FIELD_MISSING",
                        "Required fields are missing: [ActivityDate]",
                        List.of("ActivityDate"));
            }
            start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            minutes = 1440;
        } else {
            Object s = d.containsKey("StartDateTime") && !d.containsKey("ActivityDateTime")
                    ? d.get("StartDateTime")
                    : c.value("ActivityDateTime");
            if (!(s instanceof java.time.Instant given)) {
                throw new OrgException(
                        "REQUIRED_FIELD_MISSING",
                        "Required fields are missing: [ActivityDateTime]",
                        List.of("ActivityDateTime"));
            }
            start = given;
            Object end =
                    d.containsKey("EndDateTime") && !d.containsKey("DurationInMinutes") ? d.get("EndDateTime") : null;
            if (end instanceof java.time.Instant e) {
                minutes = (int) java.time.Duration.between(start, e).toMinutes();
            } else if (c.value("DurationInMinutes") instanceof Number n) {
                minutes = n.intValue();
            } else {
                throw new OrgException(
                        "REQUIRED_FIELD_MISSING",
                        "Required fields are missing: [DurationInMinutes]",
                        List.of("DurationInMinutes"));
            }
        }
        d.put("ActivityDateTime", start);
        d.put("StartDateTime", start);
        d.put("DurationInMinutes", minutes);
        d.put("EndDateTime", start.plusSeconds(60L * minutes));
        d.put("ActivityDate", start.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        activityAccount(c);
    }

    private void asset(RecordChange c) {
        if (c.value("AccountId") == null && c.value("ContactId") == null) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "FIELD_INTEGRITY_EXCEPTION",
                    "Every asset needs an account, a contact, or both.",
                    List.of("AccountId", "ContactId"));
        }
        Object parent = c.value("ParentId");
        if (parent != null) {
            Record p = db.live(parent.toString());
            c.draft().put("RootAssetId", p == null || p.get("RootAssetId") == null ? parent : p.get("RootAssetId"));
        }
    }

    private void campaignMember(RecordChange c) {
        if (c.operation() == Operation.INSERT && c.value("LeadId") == null && c.value("ContactId") == null) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [LeadId or ContactId]",
                    List.of("LeadId", "ContactId"));
        }
        Object person = c.value("ContactId") != null ? c.value("ContactId") : c.value("LeadId");
        Record r = person == null ? null : db.live(person.toString());
        c.draft().put("Name", r == null ? null : r.get("Name"));
        c.draft().put("HasResponded", "Responded".equals(c.value("Status")));
    }

    /** Next auto number of an object: continues after the rows already stored (a loaded state file included). */
    private long nextNumber(String objectName) {
        return autoNumbers
                .computeIfAbsent(
                        objectName,
                        k -> new AtomicLong(999 + db.rows(objectName, true).size()))
                .incrementAndGet();
    }
}
