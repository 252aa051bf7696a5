package dev.warden.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The one committed PMD ruleset loads no rule twice: a rule referenced on its own must be excluded from its
 * category reference, and no reference appears twice (the quickstart-plus-categories mistake reports duplicates).
 */
class PmdRulesetTest {
    private static final String RULESET = "config/pmd/apex-ruleset.xml";

    @Test
    void noRuleIsLoadedTwice() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element root = factory.newDocumentBuilder()
                .parse(RepoFiles.root().resolve(RULESET).toFile())
                .getDocumentElement();
        NodeList rules = root.getElementsByTagNameNS("*", "rule");
        Map<String, Set<String>> excludedByCategory = new HashMap<>();
        Set<String> references = new HashSet<>();
        List<String> single = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rules.getLength(); i++) {
            Element rule = (Element) rules.item(i);
            String ref = rule.getAttribute("ref");
            if (!references.add(ref)) {
                problems.add(ref + " is referenced twice");
            }
            if (ref.endsWith(".xml")) {
                Set<String> excluded = new HashSet<>();
                NodeList excludes = rule.getElementsByTagNameNS("*", "exclude");
                for (int j = 0; j < excludes.getLength(); j++) {
                    excluded.add(((Element) excludes.item(j)).getAttribute("name"));
                }
                excludedByCategory.put(ref, excluded);
            } else {
                single.add(ref);
            }
        }
        for (String ref : single) {
            String category = ref.substring(0, ref.lastIndexOf('/'));
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (excludedByCategory.containsKey(category)
                    && !excludedByCategory.get(category).contains(name)) {
                problems.add(ref + " is also loaded by " + category + " - exclude it there");
            }
        }
        assertEquals(List.of(), problems, RULESET);
    }
}
