-- Search by Chinese substring. pg_trgm cannot index terms under three characters, and most
-- Chinese search terms are two (热线, 采购). We index each name's distinct two-character pieces
-- (bigrams) in GIN indexes; a query asks for rows holding every bigram of the term (@>) and
-- rechecks the real substring with LIKE.

CREATE FUNCTION budgetql_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}')
    FROM generate_series(1, char_length(t) - 1) AS i
$$;

-- budgetql_like_pattern turns a search term into a LIKE pattern that matches it literally.
CREATE FUNCTION budgetql_like_pattern(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT '%' || replace(replace(replace(lower(t), '\', '\\'), '%', '\%'), '_', '\_') || '%'
$$;

CREATE INDEX department_name_bigrams ON department USING gin (budgetql_bigrams(name));
CREATE INDEX department_alias_bigrams ON department_alias USING gin (budgetql_bigrams(alias));
CREATE INDEX project_name_bigrams ON project USING gin (budgetql_bigrams(name));
CREATE INDEX target_level3_bigrams ON target USING gin (budgetql_bigrams(level3));
CREATE INDEX target_project_bigrams ON target USING gin (budgetql_bigrams(project_name));

-- Lookups the API makes per request: a department's documents, and previous-year figures.
CREATE INDEX document_department_year ON document (department_id, year, kind);
CREATE INDEX figure_kind_year_table ON figure (kind, year, table_id, column_id);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'budgetql_reader') THEN
        GRANT EXECUTE ON FUNCTION budgetql_bigrams(text) TO budgetql_reader;
        GRANT EXECUTE ON FUNCTION budgetql_like_pattern(text) TO budgetql_reader;
    END IF;
END
$$;

-- The API's login role must be able to SET ROLE budgetql_reader.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'budgetql_reader')
       AND NOT pg_has_role(current_user, 'budgetql_reader', 'MEMBER') THEN
        BEGIN
            EXECUTE format('GRANT budgetql_reader TO %I', current_user);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'cannot grant budgetql_reader to %', current_user;
        END;
    END IF;
END
$$;
