-- Runs once, on an empty data volume (docker-entrypoint-initdb.d), as the postgres superuser.
-- One database per service, each owned by its own login role: a service cannot read another's tables.
-- DEMO PASSWORDS: fine for a laptop; in production create the roles from a secret store instead.

CREATE ROLE mes_identity     LOGIN PASSWORD 'demo-identity-pw';
CREATE ROLE mes_batch_record LOGIN PASSWORD 'demo-batch-record-pw';
CREATE ROLE mes_inventory    LOGIN PASSWORD 'demo-inventory-pw';
CREATE ROLE mes_qc_release   LOGIN PASSWORD 'demo-qc-release-pw';
CREATE ROLE mes_notification LOGIN PASSWORD 'demo-notification-pw';

CREATE DATABASE mes_identity     OWNER mes_identity;
CREATE DATABASE mes_batch_record OWNER mes_batch_record;
CREATE DATABASE mes_inventory    OWNER mes_inventory;
CREATE DATABASE mes_qc_release   OWNER mes_qc_release;
CREATE DATABASE mes_notification OWNER mes_notification;

-- PUBLIC may connect to every database by default; only the owner (and superusers) should.
REVOKE ALL ON DATABASE mes_identity     FROM PUBLIC;
REVOKE ALL ON DATABASE mes_batch_record FROM PUBLIC;
REVOKE ALL ON DATABASE mes_inventory    FROM PUBLIC;
REVOKE ALL ON DATABASE mes_qc_release   FROM PUBLIC;
REVOKE ALL ON DATABASE mes_notification FROM PUBLIC;
