package dev.warden.localorg.search;

import java.util.List;

/**
 * A search, from SOSL or parameterizedSearch: what to find, in which field group, and what to return.
 *
 * @param terms alternatives (OR) of conjunctions (AND) of terms; a term is a word (with * and ? wildcards) or a
 *              quoted phrase
 * @param scope ALL, NAME, EMAIL, PHONE (SIDEBAR is searched as ALL)
 * @param returning objects to return, in order; empty = every searchable object with Id only
 * @param limit overall row limit (null = the default of 2000)
 */
record SearchRequest(List<List<Term>> terms, String scope, List<Returning> returning, Integer limit) {

    /** One search term: its lower-case words (one for a word, several for a phrase) and whether it is a phrase. */
    record Term(List<String> words, boolean phrase) {}

    /**
     * One RETURNING clause: object, fields (null = Id only), and the raw SOQL tails to apply.
     *
     * @param where SOQL condition text or null
     * @param orderBy SOQL ORDER BY text or null
     */
    record Returning(String object, List<String> fields, String where, String orderBy, Integer limit, Integer offset) {}
}
