#!/bin/sh
# Run once by the PostgreSQL image when its data folder is new: the service's own role, which
# owns nothing (the migrations run with the owner role, then grant_application_role gives this
# one its rights: read and write the tables, only append to the audit log).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<EOSQL
CREATE ROLE inscriptions_app LOGIN PASSWORD '${APP_DB_PASSWORD}';
GRANT CONNECT ON DATABASE "${POSTGRES_DB}" TO inscriptions_app;
GRANT USAGE ON SCHEMA public TO inscriptions_app;
EOSQL
