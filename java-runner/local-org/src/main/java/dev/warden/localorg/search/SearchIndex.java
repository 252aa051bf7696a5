package dev.warden.localorg.search;

import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange;
import dev.warden.localorg.data.RecordChangeListener;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.model.Searchability;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A simple tokenised index of one org's searchable text: lower-cased word -> ids of records holding it in a text
 * field. Built on the first search, then kept current by a record change listener. It only narrows candidates: every
 * hit is checked against the record as it is now (so rolled-back writes and deletes never show), in the field group
 * the search asked for.
 */
final class SearchIndex {
    private static final Set<String> NAME_FIELDS =
            Set.of("name", "firstname", "lastname", "subject", "title", "casenumber", "ordernumber", "contractnumber");

    private final OrgDatabase db;
    private final Map<String, Set<String>> postings = new ConcurrentHashMap<>();
    private volatile boolean built;

    SearchIndex(OrgDatabase db) {
        this.db = db;
        db.addListener(null, new RecordChangeListener() {
            @Override
            public void afterChange(RecordChange c) {
                if (built && c.after() != null && searchable(c.type())) {
                    add(c.after());
                }
            }
        });
    }

    /** Custom objects and the standard CRM objects are searchable; setup and platform objects are not. */
    static boolean searchable(SObjectType t) {
        return Searchability.searchable(t);
    }

    static boolean isTextField(FieldDef f) {
        return switch (f.type()) {
            case STRING, TEXTAREA, EMAIL, PHONE, URL -> true;
            default -> false;
        };
    }

    /** Whether a field belongs to the IN ... FIELDS group. */
    static boolean inScope(FieldDef f, String scope) {
        if (!isTextField(f)) {
            return false;
        }
        return switch (scope) {
            case "NAME" -> NAME_FIELDS.contains(f.name().toLowerCase(Locale.ROOT));
            case "EMAIL" -> f.type() == FieldType.EMAIL;
            case "PHONE" -> f.type() == FieldType.PHONE;
            default -> true;
        };
    }

    private synchronized void build() {
        if (built) {
            return;
        }
        built = true;
        for (SObjectType t : db.schema().all()) {
            if (searchable(t) && t.capabilities().queryable()) {
                for (Record r : db.rows(t.name(), false)) {
                    add(r);
                }
            }
        }
    }

    private void add(Record r) {
        for (FieldDef f : r.type().fields()) {
            if (isTextField(f) && r.get(f.name()) instanceof String s) {
                for (String w : Sosl.words(s)) {
                    postings.computeIfAbsent(w, k -> ConcurrentHashMap.newKeySet())
                            .add(r.id());
                }
            }
        }
    }

    /** Ids of live records of searchable types matching the terms in the scope's fields, in id order. */
    List<Record> search(List<List<SearchRequest.Term>> alternatives, String scope) {
        build();
        Set<String> hits = new LinkedHashSet<>();
        List<Record> out = new ArrayList<>();
        for (List<SearchRequest.Term> all : alternatives) {
            Set<String> candidates = null;
            for (SearchRequest.Term term : all) {
                for (String word : term.words()) {
                    Set<String> ids = ids(word);
                    if (candidates == null) {
                        candidates = new HashSet<>(ids);
                    } else {
                        candidates.retainAll(ids);
                    }
                }
            }
            if (candidates == null) {
                continue;
            }
            for (String id : candidates) {
                if (hits.contains(id)) {
                    continue;
                }
                Record r = db.live(id);
                if (r != null && searchable(r.type()) && matches(r, all, scope)) {
                    hits.add(id);
                    out.add(r);
                }
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    private Set<String> ids(String word) {
        if (word.indexOf('*') < 0 && word.indexOf('?') < 0) {
            return postings.getOrDefault(word, Set.of());
        }
        Pattern p = glob(word);
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : postings.entrySet()) {
            if (p.matcher(e.getKey()).matches()) {
                ids.addAll(e.getValue());
            }
        }
        return ids;
    }

    /** Every term (word or phrase) occurs in one of the record's fields of the scope, as the record is now. */
    private static boolean matches(Record r, List<SearchRequest.Term> terms, String scope) {
        List<List<String>> fieldWords = new ArrayList<>();
        for (FieldDef f : r.type().fields()) {
            if (inScope(f, scope) && r.get(f.name()) instanceof String s) {
                fieldWords.add(Sosl.words(s));
            }
        }
        for (SearchRequest.Term t : terms) {
            boolean found = false;
            for (List<String> words : fieldWords) {
                if (contains(words, t.words())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(List<String> words, List<String> phrase) {
        List<Pattern> patterns = phrase.stream().map(SearchIndex::glob).toList();
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            boolean all = true;
            for (int j = 0; j < phrase.size() && all; j++) {
                all = patterns.get(j).matcher(words.get(i + j)).matches();
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String word) {
        StringBuilder b = new StringBuilder();
        for (char c : word.toCharArray()) {
            b.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(b.toString());
    }
}
