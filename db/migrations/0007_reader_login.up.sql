-- The API logs in as budgetql_reader itself where the server allows it (the local cluster trusts
-- its socket), so no session of the API can RESET ROLE back to a role with write rights.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'budgetql_reader' AND NOT rolcanlogin) THEN
        BEGIN
            ALTER ROLE budgetql_reader LOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'budgetql_reader cannot log in: the API will SET ROLE instead';
        END;
    END IF;
END
$$;
