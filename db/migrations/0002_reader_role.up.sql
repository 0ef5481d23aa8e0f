-- A read-only role for the API and for analysts: SELECT on every table, now and later.
-- Roles are cluster-wide, so creating it tolerates another database (or a concurrent
-- migration) having created it first, and a server where we may not create roles.
DO $$
BEGIN
    BEGIN
        CREATE ROLE budgetql_reader NOLOGIN;
    EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
            RAISE NOTICE 'budgetql_reader not created: no CREATEROLE privilege';
    END;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'budgetql_reader') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO budgetql_reader', current_database());
        GRANT USAGE ON SCHEMA public TO budgetql_reader;
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO budgetql_reader;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO budgetql_reader;
    END IF;
END
$$;
